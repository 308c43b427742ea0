// replication_factor: how many replicas a graph is compiled for.
#ifndef POPLAR_REPLICATIONFACTOR_HPP
#define POPLAR_REPLICATIONFACTOR_HPP

namespace poplar {

struct replication_factor {
  explicit replication_factor(unsigned value) : value(value) {}
  unsigned value;
};

} // namespace poplar

#endif

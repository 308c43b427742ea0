// References to the variables that tensors view.
#ifndef POPLAR_VARIABLEREF_HPP
#define POPLAR_VARIABLEREF_HPP

#include <poplar/Interval.hpp>

#include <functional>

namespace poplar {

class VariableRef {
public:
  VariableRef() = default;
  /// Tessel internal: variable `id` of the graph store `store`.
  VariableRef(unsigned id, const void *store) : id(id), store(store) {}
  unsigned getId() const { return id; }
  const void *getStore() const { return store; }
  bool operator==(const VariableRef &o) const {
    return id == o.id && store == o.store;
  }
  bool operator!=(const VariableRef &o) const { return !(*this == o); }
  bool operator<(const VariableRef &o) const {
    return store != o.store ? std::less<const void *>()(store, o.store)
                            : id < o.id;
  }

private:
  unsigned id = ~0u;
  const void *store = nullptr;
};

/// Elements `interval` of variable `var`.
struct VariableInterval {
  VariableInterval() = default;
  VariableInterval(VariableRef var, Interval interval)
      : var(var), interval(interval) {}
  VariableRef var;
  Interval interval;
  bool operator==(const VariableInterval &o) const {
    return var == o.var && interval == o.interval;
  }
  bool operator<(const VariableInterval &o) const {
    return var != o.var ? var < o.var : interval < o.interval;
  }
};

} // namespace poplar

#endif

// Half-open intervals [begin, end) of element indices.
#ifndef POPLAR_INTERVAL_HPP
#define POPLAR_INTERVAL_HPP

#include <cstddef>
#include <ostream>
#include <tuple>

namespace poplar {

template <class T> class GenericInterval {
public:
  GenericInterval() = default;
  GenericInterval(T begin, T end) : begin_(begin), end_(end) {}
  const T &begin() const { return begin_; }
  const T &end() const { return end_; }
  T size() const { return end_ - begin_; }
  bool operator==(const GenericInterval &o) const {
    return begin_ == o.begin_ && end_ == o.end_;
  }
  bool operator!=(const GenericInterval &o) const { return !(*this == o); }
  bool operator<(const GenericInterval &o) const {
    return std::tie(begin_, end_) < std::tie(o.begin_, o.end_);
  }
  bool operator>(const GenericInterval &o) const { return o < *this; }
  bool operator<=(const GenericInterval &o) const { return !(o < *this); }
  bool operator>=(const GenericInterval &o) const { return !(*this < o); }

private:
  T begin_ = T();
  T end_ = T();
};

template <class T>
std::ostream &operator<<(std::ostream &os, const GenericInterval<T> &i) {
  return os << '[' << i.begin() << ", " << i.end() << ')';
}

using Interval = GenericInterval<std::size_t>;

} // namespace poplar

#endif

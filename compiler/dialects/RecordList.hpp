// RecordList: a flat `array<i64>` attribute read as fixed-size records with
// named fields. The dialects keep lists of tuples (transfers, pieces, vertex
// tables) as one dense array per op - one uniqued attribute however long the
// list, which keeps a 10^6-vertex compile fast and small - and every reader
// goes through a record type `T` with `kFields`, `read` and `appendTo`, so
// nothing indexes such a list by position.
#ifndef TESSEL_COMPILER_DIALECTS_RECORDLIST_HPP
#define TESSEL_COMPILER_DIALECTS_RECORDLIST_HPP

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <cstdint>

namespace tessel {

/// A flat list read as `T` records, without copying. A trailing partial
/// record (which the op verifiers reject) is not part of the list.
template <typename T> class RecordList {
public:
  explicit RecordList(llvm::ArrayRef<int64_t> flat) : flat(flat) {}

  std::size_t size() const { return flat.size() / T::kFields; }
  bool empty() const { return size() == 0; }
  T operator[](std::size_t i) const {
    return T::read(flat.data() + i * T::kFields);
  }
  /// Whether the flat list holds whole records only.
  bool wellFormed() const { return flat.size() % T::kFields == 0; }
  llvm::ArrayRef<int64_t> raw() const { return flat; }

  class iterator {
  public:
    iterator(const int64_t *at) : at(at) {}
    T operator*() const { return T::read(at); }
    iterator &operator++() {
      at += T::kFields;
      return *this;
    }
    bool operator!=(const iterator &o) const { return at != o.at; }
    bool operator==(const iterator &o) const { return at == o.at; }

  private:
    const int64_t *at;
  };
  iterator begin() const { return iterator(flat.data()); }
  iterator end() const { return iterator(flat.data() + size() * T::kFields); }

private:
  llvm::ArrayRef<int64_t> flat;
};

} // namespace tessel

#endif

// Every way to misuse a tensor view throws a typed poplar exception whose
// message names the operation, the tensor (variable name, type and shape),
// the bad argument and how to fix it.
#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace poplar;
using Catch::Contains;

namespace {

/// Matches a message containing every one of `words`.
class ContainsAll : public Catch::MatcherBase<std::string> {
public:
  ContainsAll(std::vector<std::string> words) : words(std::move(words)) {}
  bool match(const std::string &message) const override {
    for (const std::string &w : words)
      if (message.find(w) == std::string::npos)
        return false;
    return true;
  }
  std::string describe() const override {
    std::string text = "contains all of:";
    for (const std::string &w : words)
      text += " \"" + w + "\"";
    return text;
  }

private:
  std::vector<std::string> words;
};

struct Fixture {
  Graph graph{Target::createIPUTarget(1, 4, "ipu2")};
  Tensor x = graph.addVariable(FLOAT, {4, 6}, "x");
};

} // namespace

#define CHECK_ERROR(expr, type, ...)                                           \
  do {                                                                         \
    CHECK_THROWS_AS(expr, type);                                               \
    CHECK_THROWS_WITH(expr, ContainsAll({__VA_ARGS__}));                       \
  } while (false)

TEST_CASE("using an invalid tensor says how to get a valid one",
          "[graph][tensor][errors]") {
  Fixture f;
  Tensor invalid;
  const char *words[] = {"not valid", "default constructed", "addVariable"};
  CHECK_ERROR(invalid.shape(), poplar_error, words[0], words[1], words[2]);
  CHECK_ERROR(invalid[0], poplar_error, words[0]);
  CHECK_ERROR(invalid.slice(0, 1), poplar_error, words[0]);
  CHECK_ERROR(invalid.numElements(), poplar_error, words[0]);
  CHECK_ERROR(invalid.getVarStr(), poplar_error, words[0]);
  CHECK_ERROR(invalid.getDebugStr(), poplar_error, words[0]);
  CHECK_ERROR(invalid.dimShuffle({}), poplar_error, words[0]);
  CHECK_ERROR(concat(f.x, invalid), poplar_error, words[0]);
  CHECK_ERROR(concat(invalid, f.x), poplar_error, words[0]);
  CHECK_ERROR(f.x.intersectsWith(invalid), poplar_error, words[0]);
}

TEST_CASE("indexing errors name the index and the dimension size",
          "[graph][tensor][errors]") {
  Fixture f;
  CHECK_ERROR(f.x[4], index_error, "operator[]", "'x'", "float {4,6}",
              "index 4", "size 4", "below 4");
  CHECK_ERROR(f.x[0][6], index_error, "index 6", "size 6", "{6}");
  CHECK_ERROR(f.x[0][0][0], index_error, "scalar", "rank 1 or more");
  CHECK_ERROR(f.x.index({1, 9}), index_error, "Tensor::index", "index 9",
              "{1,9}", "dimension 1", "size 6");
  CHECK_ERROR(f.x.index({1, 2, 3}), index_error, "3 indices", "{1,2,3}",
              "2 dimensions");
  CHECK_ERROR(f.x.dim(2), index_error, "Tensor::dim", "dimension 2", "rank 2");
}

TEST_CASE("slice errors name the range, dimension and size",
          "[graph][tensor][errors]") {
  Fixture f;
  CHECK_ERROR(f.x.slice(2, 9, 1), index_error, "Tensor::slice", "'x'", "{4,6}",
              "[2, 9)", "dimension 1", "size 6", "begin <= end <= 6");
  CHECK_ERROR(f.x.slice(3, 2), index_error, "[3, 2)", "dimension 0");
  CHECK_ERROR(f.x.slice(Interval(0, 5), 0), index_error, "[0, 5)", "size 4");
  CHECK_ERROR(f.x.slice(0, 1, 2), index_error, "dimension 2", "does not exist",
              "rank 2", "below 2");
  CHECK_ERROR(f.x.slice({0, 0, 0}, {1, 1, 1}), index_error, "{0,0,0}",
              "{1,1,1}", "one index per dimension (2)");
  CHECK_ERROR(f.x.slice({0, 0}, {1, 7}), index_error, "[0, 7)", "dimension 1",
              "size 6");
  CHECK_ERROR(f.x.slices(std::vector<Interval>{{0, 1}, {3, 5}}), index_error,
              "Tensor::slices", "[3, 5)", "size 4");
  CHECK_ERROR(
      f.x.slices(std::vector<std::vector<Interval>>{{{0, 1}, {5, 8}}}, 1),
      index_error, "Tensor::slices", "[5, 8)", "size 6");
  CHECK_ERROR(f.x.slices(std::vector<std::vector<Interval>>{{{0, 1}}}, 3),
              index_error, "Tensor::slices", "dimension 3");
  CHECK_ERROR(f.x.slices(std::vector<unsigned>{1, 7}, 1), index_error,
              "Tensor::slices", "index 7", "size 6", "below 6");
}

TEST_CASE("shape errors name the shapes and element counts",
          "[graph][tensor][errors]") {
  Fixture f;
  CHECK_ERROR(f.x.reshape({5, 5}), tensor_creation_error, "Tensor::reshape",
              "'x'", "{4,6}", "{5,5}", "25 elements", "has 24",
              "same number of elements");
  CHECK_ERROR(f.x.reshapePartial(1, 2, {4}), tensor_creation_error,
              "reshapePartial", "{4}", "have 4", "have 6", "product is 6");
  CHECK_ERROR(f.x.reshapePartial(1, 3, {6}), index_error, "reshapePartial",
              "[1, 3)", "endIndex <= 2");
  CHECK_ERROR(f.x.flatten(2, 1), index_error, "Tensor::flatten", "[2, 1)",
              "dimBegin <= dimEnd <= 2");
  CHECK_ERROR(f.x.flatten(0, 3), index_error, "[0, 3)");
  CHECK_ERROR(f.x.expand({3}), index_error, "Tensor::expand",
              "before dimension 3", "up to its rank 2");
  CHECK_ERROR(f.x.squeeze({0}), tensor_creation_error, "Tensor::squeeze",
              "dimension 0", "size 4, not 1", "singleton");
  CHECK_ERROR(f.x.squeeze({2}), index_error, "Tensor::squeeze", "dimension 2",
              "does not exist");
  CHECK_ERROR(f.x.expand({0}).squeeze({0, 0}), tensor_creation_error,
              "listed twice", "{0,0}");
}

TEST_CASE("permutation errors name the permutation and the rank",
          "[graph][tensor][errors]") {
  Fixture f;
  CHECK_ERROR(f.x.dimShuffle({0, 0}), tensor_creation_error,
              "Tensor::dimShuffle", "'x'", "{4,6}", "{0,0}",
              "not a permutation", "2 dimensions", "0..1 exactly once");
  CHECK_ERROR(f.x.dimShuffle({1}), tensor_creation_error, "{1}",
              "not a permutation");
  CHECK_ERROR(f.x.dimShuffle({0, 2}), tensor_creation_error, "{0,2}");
  CHECK_ERROR(f.x.dimShufflePartial({0, 1}, {1}), tensor_creation_error,
              "dimShufflePartial", "{0,1}", "{1}", "same number");
  CHECK_ERROR(f.x.dimShufflePartial({0, 0}, {1, 0}), tensor_creation_error,
              "dimShufflePartial", "distinct");
  CHECK_ERROR(f.x.dimShufflePartial({0, 1}, {1, 1}), tensor_creation_error,
              "distinct");
  CHECK_ERROR(f.x.dimShufflePartial({2}, {0}), index_error, "dimShufflePartial",
              "dimension 2", "rank 2");
  CHECK_ERROR(f.x.dimRoll(3), index_error, "Tensor::dimRoll", "dimension 3");
  CHECK_ERROR(f.x.dimRoll(0, 2), index_error, "dimRoll", "dimension 2");
  CHECK_ERROR(f.x[0].transpose(), tensor_creation_error, "Tensor::transpose",
              "{6}", "exactly 2 dimensions", "dimShuffle");
}

TEST_CASE("selection errors name the dimension or the argument",
          "[graph][tensor][errors]") {
  Fixture f;
  CHECK_ERROR(f.x.subSample(0, 1), tensor_creation_error, "Tensor::subSample",
              "stride of 0", "1 or more");
  CHECK_ERROR(f.x.subSample(2, 2), index_error, "subSample", "dimension 2");
  CHECK_ERROR(f.x.upsample(2, 5, UpsampleMethod::REPEAT), index_error,
              "Tensor::upsample", "dimension 5");
  CHECK_ERROR(f.x.upsample(2, 0, static_cast<UpsampleMethod>(7)),
              tensor_creation_error, "upsample", "method 7", "REPEAT");
  CHECK_ERROR(f.x.reverse(2), index_error, "Tensor::reverse", "dimension 2");
  CHECK_ERROR(f.x.broadcast(2, 2), index_error, "Tensor::broadcast",
              "dimension 2");
  CHECK_ERROR(f.x[0][0].broadcast(2, 0), index_error, "rank 0", "expand({0})");
}

TEST_CASE("reinterpret errors name both types and their sizes",
          "[graph][tensor][errors]") {
  Fixture f;
  CHECK_ERROR(f.x.reinterpret(HALF), type_error, "Tensor::reinterpret", "'x'",
              "float elements have 4 bytes", "half elements have 2",
              "type of 4 bytes");
  CHECK_ERROR(f.x.reinterpret(CHAR), type_error, "char");
  Tensor wide = f.graph.addVariable(LONGLONG, {2}, "wide");
  CHECK_THROWS_AS(wide.reinterpret(LONG), type_error);
  CHECK_THROWS_AS(wide.reinterpret(DOUBLE), type_error);
}

TEST_CASE("concat and append errors name the inputs",
          "[graph][tensor][errors]") {
  Fixture f;
  Tensor ints = f.graph.addVariable(INT, {4, 6}, "ints");
  Tensor narrow = f.graph.addVariable(FLOAT, {4, 5}, "narrow");
  CHECK_ERROR(concat(std::vector<Tensor>{}), tensor_creation_error, "concat",
              "no tensors");
  CHECK_ERROR(concat(f.x, ints), tensor_creation_error, "concat",
              "input 1 'ints' (int {4,6})", "input 0 'x' (float {4,6})",
              "type int", "cast");
  CHECK_ERROR(concat(f.x, narrow, 0), tensor_creation_error, "dimension 0",
              "'narrow'", "{4,5}", "except 0 must be equal");
  CHECK_NOTHROW(concat(f.x, narrow, 1));
  CHECK_ERROR(concat(f.x, f.x[0], 0), tensor_creation_error, "{6}");
  CHECK_ERROR(concat(f.x, f.x, 2), index_error, "concat along dimension 2",
              "rank 2", "expand");
  CHECK_ERROR(concat(f.x[0][0], f.x[0][1]), index_error, "rank 0");
  Graph other(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor stranger = other.addVariable(FLOAT, {4, 6}, "stranger");
  CHECK_ERROR(concat(f.x, stranger), tensor_creation_error, "'stranger'",
              "another graph", "one graph");

  CHECK_ERROR(append(f.x, f.x), tensor_creation_error, "append",
              "must have rank 1", "one less than");
  CHECK_ERROR(append(f.x, f.x[0], 2), index_error, "append along dimension 2",
              "rank 2");
  CHECK_ERROR(append(f.x, narrow[0], 0), tensor_creation_error, "'narrow'",
              "{1,5}", "except 0");
}

TEST_CASE("asking for metadata a tensor lacks is a metadata error",
          "[graph][tensor][errors]") {
  Fixture f;
  CHECK_ERROR(f.x.getMetadata(), tensor_metadata_error, "getMetadata", "'x'",
              "hasMetadata()");
}

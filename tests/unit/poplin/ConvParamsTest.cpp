// poplin::ConvParams: the sizes each input, kernel and output transform
// gives in any number of field dimensions, comparison, and every validation
// error with the field and values it names.
#include <poplin/ConvParams.hpp>

#include <poputil/exceptions.hpp>

#include "ErrorOf.hpp"

#include <catch2/catch.hpp>

using Catch::Contains;
using poplin::ConvParams;

TEST_CASE("ConvParams without transforms gives a valid-convolution output",
          "[poplin][conv]") {
  ConvParams p(poplar::FLOAT, 2, {7, 9}, {3, 2}, 4, 6, 3);
  p.validate();
  CHECK(p.inputType == poplar::FLOAT);
  CHECK(p.outputType == poplar::FLOAT);
  CHECK(p.getNumFieldDims() == 2);
  CHECK(p.getOutputFieldShape() == std::vector<std::size_t>{5, 8});
  CHECK(p.getNumInputChans() == 12);
  CHECK(p.getNumOutputChans() == 18);
  CHECK(p.getNumInputChansPerConvGroup() == 4);
  CHECK(p.getNumOutputChansPerConvGroup() == 6);
  CHECK(p.getNumConvGroups() == 3);
  CHECK(p.getBatchSize() == 2);
  CHECK(p.getInputSize(1) == 9);
  CHECK(p.inputTransform.dilation == std::vector<unsigned>{1, 1});
  CHECK(p.outputTransform.stride == std::vector<unsigned>{1, 1});
  CHECK(p.inputTransform.flip == std::vector<bool>{false, false});
}

TEST_CASE("ConvParams applies truncation, dilation and padding in order",
          "[poplin][conv]") {
  ConvParams p(poplar::HALF, poplar::FLOAT, 1, {10}, {3}, 1, 1, 1);
  p.inputTransform =
      ConvParams::InputTransform({1}, {2}, {2}, {3}, {1}, {true});
  // 10 - 1 - 2 = 7 elements, dilated to 13, padded to 17.
  CHECK(p.getTruncatedInputSize(0) == 7);
  CHECK(p.getTransformedInputSize(0) == 17);
  p.kernelTransform = ConvParams::InputTransform({0}, {1}, {3}, {0}, {0}, {});
  p.kernelTransform.flip = {false};
  // 3 - 1 = 2 taps, dilated by 3 to 4.
  CHECK(p.getTruncatedKernelSize(0) == 2);
  CHECK(p.getTransformedKernelSize(0) == 4);
  CHECK(p.getUntransformedOutputSize(0) == 14);
  // Truncate 1 + 2 to 11, stride 3 keeps 4, padding 2 + 0 makes 6.
  p.outputTransform = ConvParams::OutputTransform({1}, {2}, {3}, {2}, {0});
  p.validate();
  CHECK(p.getOutputSize(0) == 6);
  CHECK(p.outputType == poplar::FLOAT);
}

TEST_CASE("ConvParams handles one and three field dimensions",
          "[poplin][conv]") {
  ConvParams oneD(poplar::FLOAT, 3, {12}, {5}, 2, 2, 1);
  oneD.outputTransform.stride = {4};
  oneD.validate();
  CHECK(oneD.getOutputFieldShape() == std::vector<std::size_t>{2});
  ConvParams threeD(poplar::FLOAT, 1, {4, 5, 6}, {2, 3, 1}, 1, 1, 1);
  threeD.inputTransform.paddingUpper = {0, 0, 2};
  threeD.validate();
  CHECK(threeD.getOutputFieldShape() == std::vector<std::size_t>{3, 3, 8});
}

TEST_CASE("ConvParams compare field by field", "[poplin][conv]") {
  ConvParams a(poplar::FLOAT, 1, {4, 4}, {3, 3}, 1, 1, 1);
  ConvParams b = a;
  CHECK(a == b);
  CHECK_FALSE(a != b);
  b.outputTransform.stride = {2, 1};
  CHECK(a != b);
  CHECK((a < b) != (b < a));
  ConvParams c = a;
  c.inputTransform.flip = {true, false};
  CHECK(a != c);
}

TEST_CASE("ConvParams whose output would be empty are rejected",
          "[poplin][conv]") {
  ConvParams p(poplar::FLOAT, 1, {2, 5}, {3, 3}, 1, 1, 1);
  std::string message =
      tessel_test::errorOf<poputil::poplibs_error>([&] { p.validate(); });
  CHECK_THAT(message, Contains("output would be empty"));
  CHECK_THAT(message, Contains("transformed input size 2"));
  CHECK_THAT(message, Contains("kernel size 3"));

  ConvParams noBatch(poplar::FLOAT, 0, {5}, {3}, 1, 1, 1);
  CHECK_THAT(
      tessel_test::errorOf<poputil::poplibs_error>([&] { noBatch.validate(); }),
      Contains("batchSize is 0"));

  ConvParams cut(poplar::FLOAT, 1, {5}, {3}, 1, 1, 1);
  cut.outputTransform.truncationLower = {2};
  cut.outputTransform.truncationUpper = {1};
  CHECK_THAT(
      tessel_test::errorOf<poputil::poplibs_error>([&] { cut.validate(); }),
      Contains("truncates 2 + 1 of an output of size 3"));
}

TEST_CASE("ConvParams with inconsistent sizes name the field",
          "[poplin][conv]") {
  ConvParams p(poplar::FLOAT, 1, {5, 5}, {3}, 1, 1, 1);
  CHECK_THAT(
      tessel_test::errorOf<poputil::poplibs_error>([&] { p.validate(); }),
      Contains("kernelShape {3} has 1 entries but the input "
               "field has 2 dimensions"));

  ConvParams q(poplar::FLOAT, 1, {5, 5}, {3, 3}, 1, 1, 1);
  q.inputTransform.dilation = {1, 0};
  CHECK_THAT(
      tessel_test::errorOf<poputil::poplibs_error>([&] { q.validate(); }),
      Contains("inputTransform.dilation {1, 0} has a 0 entry"));

  ConvParams r(poplar::FLOAT, 1, {5, 5}, {3, 3}, 1, 1, 1);
  r.kernelTransform.truncationLower = {2, 0};
  r.kernelTransform.truncationUpper = {2, 0};
  CHECK_THAT(
      tessel_test::errorOf<poputil::poplibs_error>([&] { r.validate(); }),
      Contains("kernelTransform truncates 2 + 2 elements of "
               "dimension 0 of size 3"));

  ConvParams s(poplar::FLOAT, 1, {5, 5}, {3, 3}, 1, 1, 1);
  s.outputTransform.stride = {1};
  CHECK_THAT(
      tessel_test::errorOf<poputil::poplibs_error>([&] { s.validate(); }),
      Contains("outputTransform.stride {1} has 1 entries"));
}

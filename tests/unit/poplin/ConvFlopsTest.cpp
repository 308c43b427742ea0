// poplin::getFwdFlops counts only the multiply-accumulates that meet real
// input and kernel elements; getFwdPerfectCycleCount divides by the conv
// units' peak rate (ipu2 FP32: 32 flops a cycle a tile).
#include <poplin/Convolution.hpp>

#include <poplar/IPUModel.hpp>
#include <poputil/exceptions.hpp>

#include "ErrorOf.hpp"

#include <catch2/catch.hpp>

using poplin::ConvParams;

TEST_CASE("getFwdFlops counts every tap of a valid convolution",
          "[poplin][conv]") {
  CHECK(poplin::getFwdFlops(ConvParams(poplar::FLOAT, 2, {5}, {3}, 3, 4, 1)) ==
        2 * 2 * 3 * 4 * 9);
  // Dimensions multiply; groups scale the count.
  CHECK(poplin::getFwdFlops(ConvParams(poplar::FLOAT, 1, {4, 4}, {3, 3}, 2, 5,
                                       3)) == 2 * 3 * 2 * 5 * 36);
}

TEST_CASE("getFwdFlops skips padding, dilation zeros and strided outputs",
          "[poplin][conv]") {
  ConvParams padded(poplar::FLOAT, 1, {5}, {3}, 1, 1, 1);
  padded.inputTransform.paddingLower = {1};
  padded.inputTransform.paddingUpper = {1};
  // Outputs 0 and 4 each have one tap on padding: 15 - 2.
  CHECK(poplin::getFwdFlops(padded) == 2 * 13);
  padded.inputTransform.flip = {true};
  CHECK(poplin::getFwdFlops(padded) == 2 * 13);

  ConvParams dilatedKernel(poplar::FLOAT, 1, {5}, {2}, 1, 1, 1);
  dilatedKernel.kernelTransform.dilation = {2};
  // Three outputs, each meeting the two real taps of a 3-wide kernel.
  CHECK(poplin::getFwdFlops(dilatedKernel) == 2 * 6);

  ConvParams strided(poplar::FLOAT, 1, {5}, {3}, 1, 1, 1);
  strided.outputTransform.stride = {2};
  CHECK(poplin::getFwdFlops(strided) == 2 * 6);
  strided.outputTransform.truncationLower = {1};
  // Output 1 only (3 taps).
  CHECK(poplin::getFwdFlops(strided) == 2 * 3);
}

TEST_CASE("getFwdPerfectCycleCount runs at the conv units' peak",
          "[poplin][conv]") {
  poplar::IPUModel model("ipu2");
  model.tilesPerIPU = 4;
  poplar::Device device = model.createDevice();
  poplar::Graph graph(device.getTarget());
  ConvParams params(poplar::FLOAT, 8, {56, 56}, {3, 3}, 64, 64, 1);
  params.inputTransform.paddingLower = {1, 1};
  params.inputTransform.paddingUpper = {1, 1};
  const double flops = double(poplin::getFwdFlops(params));
  CHECK(poplin::getFwdPerfectCycleCount(graph, params) == flops / (32.0 * 4));

  ConvParams ints(poplar::INT, 1, {4}, {3}, 1, 1, 1);
  CHECK_THAT(tessel_test::errorOf<poputil::poplibs_error>(
                 [&] { poplin::getFwdPerfectCycleCount(graph, ints); }),
             Catch::Contains("input type int") && Catch::Contains("FLOAT"));
}

// Vertices that use the device-side headers codelet authors include:
// poplar/VectorTypes.hpp (float2, half4) and print.h (printf).
#include <poplar/VectorTypes.hpp>
#include <poplar/Vertex.hpp>
#include <print.h>

#include <stdarg.h>

using namespace poplar;

// out = in * scale + in, two floats at a time.
class ScaleFloat2 : public Vertex {
public:
  Input<Vector<float, VectorLayout::SPAN, 8>> in;
  Output<Vector<float, VectorLayout::SPAN, 8>> out;
  float scale;
  void compute() {
    const float2 *pairs = reinterpret_cast<const float2 *>(&in[0]);
    float2 *results = reinterpret_cast<float2 *>(&out[0]);
    const unsigned numPairs = in.size() / 2;
    for (unsigned i = 0; i < numPairs; ++i)
      results[i] = pairs[i] * scale + pairs[i];
    printf("scaled %u pairs by %.1f\n", numPairs, double(scale));
  }
};

// out = a * b + c in half arithmetic, four halves at a time; prints the
// first result.
class MulAddHalf4 : public Vertex {
public:
  Input<Vector<half, VectorLayout::SPAN, 8>> a, b, c;
  Output<Vector<half, VectorLayout::SPAN, 8>> out;
  void compute() {
    const half4 *x = reinterpret_cast<const half4 *>(&a[0]);
    const half4 *y = reinterpret_cast<const half4 *>(&b[0]);
    const half4 *z = reinterpret_cast<const half4 *>(&c[0]);
    half4 *results = reinterpret_cast<half4 *>(&out[0]);
    for (unsigned i = 0; i < a.size() / 4; ++i)
      results[i] = x[i] * y[i] + z[i];
    printf("first %.6f\n", double(float(out[0])));
    puts("done");
  }
};

// Prints, then fails: what it printed is still shown.
class PrintThenTrap : public Vertex {
public:
  Input<int> in;
  void compute() {
    printf("about to fail with %d\n", int(in));
    __builtin_trap();
  }
};

// Prints `lines` lines of 32 bytes (without a final newline when `ragged`).
class PrintLines : public Vertex {
public:
  Input<int> in;
  unsigned lines;
  bool ragged;
  void compute() {
    for (unsigned i = 0; i < lines; ++i)
      printf(ragged && i + 1 == lines ? "line %08u of input %08d"
                                      : "line %08u of input %08d\n",
             i, int(in));
  }
};

// A printing helper of the codelet's own, through vprintf, then putchar,
// fprintf and fputs on stdout (which glibc's inline stdio and the optimiser
// turn into vfprintf, putc and fwrite).
static void report(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vprintf(format, args);
  va_end(args);
}

class PrintThroughHelpers : public Vertex {
public:
  Input<int> in;
  void compute() {
    report("value %d, twice %d", int(in), 2 * int(in));
    putchar('!');
    fprintf(stdout, " and %d", 3);
    fputs(" end", stdout);
    putchar('\n');
  }
};

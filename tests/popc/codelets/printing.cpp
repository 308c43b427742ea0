// A vertex that prints from C++ and, through a C helper, from C; and writes
// to stderr, which stays the process's.
#include <poplar/Vertex.hpp>
#include <print.h>

extern "C" void sayFromC(int value);

class PrintingVertex : public poplar::Vertex {
public:
  poplar::Input<int> in;
  void compute() {
    printf("in is %d\n", int(in));
    sayFromC(int(in) + 1);
    fprintf(stderr, "PrintingVertex: this line is not routed\n");
  }
};

// API probe: program_misc. Compiles against the public headers alone.
#include <poplar/Program.hpp>
void probe(poplar::Tensor t, poplar::Function f, poplar::HostFunction h,
           const poplar::Graph &g, std::ostream &os) {
  using namespace poplar::program;
  WriteUndef w(t);
  AssumeEqualAcrossReplicas a(t);
  Block b(Sequence{}, "blk");
  Sync s(poplar::SyncType::INTERNAL);
  Call c(f);
  Call c2(h, {t}, {t});
  PrintTensor p(t);
  PrintTensor p2("t", t);
  PrintTensor p3(t, PrintTensorFmt(10));
  PrintTensor p4("t", t, PrintTensorFmt::disableFormatting());
  ErrorProgram e("bad", t);
  Abort ab;
  Abort ab2("msg");
  Abort ab3(std::string("msg"));
  AbortOnCondition ac(t);
  AbortOnCondition ac2(t, "msg");
  dumpProgram(g, Sequence{}, os);
  PrintTensorFmt fmt(1000, 3, 75, 8, PrintTensorFmt::Fixed, ',', '(', ')');
  (void)fmt;
}

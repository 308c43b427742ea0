// API probe: program_basic. Compiles against the public headers alone.
#include <poplar/Program.hpp>
void probe(poplar::ComputeSet cs, poplar::Tensor t) {
  using namespace poplar::program;
  Execute e(cs);
  Execute e2(cs, t, "e2");
  Sequence s;
  Sequence s2{e, e2};
  Sequence s3({e, e2}, "s3");
  s.add(e);
  Repeat r(3, s);
  Loop l(s);
  RepeatWhileTrue rt(s, t, s);
  RepeatWhileFalse rf(s, t, s);
  If i(t, s, s);
  If i2(t, s);
  (void)s.isEmpty();
  Switch sw(t, {{0, s}, {1, s}});
  Switch sw2(t, {{0, s}}, s);
  Switch sw3(t);
  sw3.add(2, s);
  Switch sw4(t, s);
  Switch b = Switch::switchWithBoundsChecking(t, {{0, s}});
  Switch u = Switch::switchWithUnreachableDefault(t);
  (void)(s == s2);
  (void)(s != s3);
}

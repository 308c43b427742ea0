// poputil::graphfn: the function body is built once on parameter tensors
// cloned from the signature; each use copies arguments into the parameters,
// runs the body (inlined or through program::Call) and copies results out.
#include <poputil/GraphFunction.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace poputil {
namespace graphfn {

VoidFunction::VoidFunction(VoidFunction &&fn) = default;

VoidFunction::VoidFunction(
    Graph &graph, Signature sig,
    std::function<void(std::vector<Tensor> &, Sequence &)> f, bool inlined,
    const DebugContext &debugContext)
    : VoidFunction(
          graph, std::move(sig),
          [&f](std::vector<Tensor> &params, Sequence &body,
               const DebugNameAndId &) { f(params, body); },
          inlined, debugContext) {}

VoidFunction::VoidFunction(Graph &graph, Signature sig_,
                           std::function<void(std::vector<Tensor> &, Sequence &,
                                              const DebugNameAndId &)>
                               f,
                           bool inlined, const DebugContext &debugContext)
    : graph(graph), sig(std::move(sig_)), inlined(inlined), prog(debugContext) {
  const DebugNameAndId name = debugContext;
  for (const ArgSig &s : sig) {
    if (s.type == CreatedArg) {
      params.emplace_back();
      continue;
    }
    if (!s.similarTensor.valid())
      throw poplibs_error("poputil::graphfn: argument " +
                          std::to_string(params.size()) + " (" +
                          (s.debugName.empty() ? "unnamed" : s.debugName) +
                          ") of " + name.getPathName() +
                          " has no tensor to take its shape and layout from");
    params.push_back(graph.clone(s.similarTensor, {name, s.debugName}));
  }
  f(params, prog, name);
  for (std::size_t i = 0; i != sig.size(); ++i)
    if (sig[i].type == CreatedArg && !params[i].valid())
      throw poplibs_error("poputil::graphfn: the body of " +
                          name.getPathName() +
                          " did not set created "
                          "argument " +
                          std::to_string(i) + " (" + sig[i].debugName + ")");
  if (!inlined)
    func = graph.addFunction(prog);
}

void VoidFunction::operator()(std::vector<Tensor> &args, Sequence &seq,
                              const DebugContext &dc) {
  if (args.size() != sig.size())
    throw poplibs_error("poputil::graphfn: " + std::to_string(args.size()) +
                        " arguments for a function of " +
                        std::to_string(sig.size()) + " parameters");
  for (std::size_t i = 0; i != sig.size(); ++i)
    if (sig[i].type == InputArg || sig[i].type == InOutArg)
      seq.add(Copy(args[i], params[i], false, dc));
  if (inlined)
    seq.add(prog);
  else
    seq.add(Call(func, dc));
  for (std::size_t i = 0; i != sig.size(); ++i) {
    if (sig[i].type == CreatedArg)
      args[i] = graph.clone(params[i], {dc, sig[i].debugName});
    if (sig[i].type != InputArg)
      seq.add(Copy(params[i], args[i], false, dc));
  }
}

ProgramFunction::ProgramFunction(
    Graph &graph, Signature sig,
    std::function<Program(std::vector<Tensor> &)> f, bool inlined,
    const DebugContext &debugContext)
    : voidFunc(
          graph, std::move(sig),
          [&f](std::vector<Tensor> &params, Sequence &body) {
            body.add(f(params));
          },
          inlined, debugContext) {}

ProgramFunction::ProgramFunction(
    Graph &graph, Signature sig,
    std::function<Program(std::vector<Tensor> &, const DebugNameAndId &)> f,
    bool inlined, const DebugContext &debugContext)
    : voidFunc(
          graph, std::move(sig),
          [&f](std::vector<Tensor> &params, Sequence &body,
               const DebugNameAndId &name) { body.add(f(params, name)); },
          inlined, debugContext) {}

Program ProgramFunction::operator()(std::vector<Tensor> &args,
                                    const DebugContext &debugContext) {
  Sequence seq(debugContext);
  voidFunc(args, seq, debugContext);
  return seq;
}

static Signature withCreatedResult(Signature sig) {
  sig.push_back(created());
  return sig;
}

TensorFunction::TensorFunction(
    Graph &graph, Signature sig,
    std::function<Tensor(std::vector<Tensor> &, Sequence &)> f, bool inlined,
    const DebugContext &debugContext)
    : voidFunc(
          graph, withCreatedResult(std::move(sig)),
          [&f](std::vector<Tensor> &params, Sequence &body) {
            params.back() = f(params, body);
          },
          inlined, debugContext) {}

TensorFunction::TensorFunction(
    Graph &graph, Signature sig,
    std::function<Tensor(std::vector<Tensor> &, Sequence &,
                         const DebugNameAndId &)>
        f,
    bool inlined, const DebugContext &debugContext)
    : voidFunc(
          graph, withCreatedResult(std::move(sig)),
          [&f](std::vector<Tensor> &params, Sequence &body,
               const DebugNameAndId &name) {
            params.back() = f(params, body, name);
          },
          inlined, debugContext) {}

Tensor TensorFunction::operator()(std::vector<Tensor> &args, Sequence &prog,
                                  const DebugContext &debugContext) {
  args.emplace_back();
  voidFunc(args, prog, debugContext);
  Tensor result = args.back();
  args.pop_back();
  return result;
}

} // namespace graphfn
} // namespace poputil

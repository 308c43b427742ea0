// Control programs (namespace poplar::program): what the device does, in
// order. Programs are values: copying one copies a handle to an immutable
// tree, and Sequence::add copies on write.
#ifndef POPLAR_PROGRAM_HPP
#define POPLAR_PROGRAM_HPP

#include <poplar/ArrayRef.hpp>
#include <poplar/DataStream.hpp>
#include <poplar/DebugContext.hpp>
#include <poplar/GraphElements.hpp>
#include <poplar/StringRef.hpp>
#include <poplar/SyncType.hpp>
#include <poplar/Tensor.hpp>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace tessel {
struct ProgramNode;
struct ProgramAccess;
} // namespace tessel

namespace poplar {
class Graph;

namespace program {

class Program {
public:
  Program();
  ~Program();
  Program(const Program &);
  Program(Program &&) noexcept;
  Program &operator=(const Program &);
  Program &operator=(Program &&) noexcept;

  bool isEmpty() const;

protected:
  explicit Program(std::shared_ptr<tessel::ProgramNode> node);
  std::shared_ptr<tessel::ProgramNode> node;
  friend struct tessel::ProgramAccess;
};

class Sequence : public Program {
public:
  Sequence(const DebugContext &debugContext = {});
  Sequence(std::initializer_list<Program> programs,
           const DebugContext &debugContext = {});
  /// The legacy variadic form: Sequence(a, b, c).
  template <class... P,
            class = std::enable_if_t<(sizeof...(P) > 1) &&
                                     (std::is_base_of_v<Program, P> && ...)>>
  explicit Sequence(const P &...programs) : Sequence() {
    (add(programs), ...);
  }
  void add(const Program &p);
};

class Repeat : public Program {
public:
  Repeat(unsigned count, const Program &prog,
         const DebugContext &debugContext = {});
};

class Loop : public Program {
public:
  explicit Loop(const Program &prog, const DebugContext &debugContext = {});
};

class RepeatWhileFalse : public Program {
public:
  RepeatWhileFalse(const Program &cond, const Tensor &predicate,
                   const Program &body, const DebugContext &debugContext = {});
};

class RepeatWhileTrue : public Program {
public:
  RepeatWhileTrue(const Program &cond, const Tensor &predicate,
                  const Program &body, const DebugContext &debugContext = {});
};

class If : public Program {
public:
  If(const Tensor &predicate, const Program &trueBody, const Program &falseBody,
     const DebugContext &debugContext = {});
  If(const Tensor &predicate, const Program &trueBody,
     const DebugContext &debugContext = {});
};

class Switch : public Program {
public:
  Switch(const Tensor &control, const DebugContext &debugContext = {});
  Switch(const Tensor &control, const Program &defaultBody,
         const DebugContext &debugContext = {});
  Switch(const Tensor &control,
         const std::vector<std::pair<std::int32_t, Program>> &cases,
         const DebugContext &debugContext = {});
  Switch(const Tensor &control,
         const std::vector<std::pair<std::int32_t, Program>> &cases,
         const Program &defaultBody, const DebugContext &debugContext = {});
  Switch &add(std::int32_t value, const Program &body);

  /// A switch whose default aborts with an error naming the out-of-range
  /// value.
  static Switch switchWithBoundsChecking(
      const Tensor &control,
      const std::vector<std::pair<std::int32_t, Program>> &cases,
      const DebugContext &debugContext = {});
  /// A switch whose control value the caller promises is one of the cases.
  static Switch
  switchWithUnreachableDefault(const Tensor &control,
                               const DebugContext &debugContext = {});
  static Switch switchWithUnreachableDefault(
      const Tensor &control,
      const std::vector<std::pair<std::int32_t, Program>> &cases,
      const DebugContext &debugContext = {});
};

/// Runs every vertex of a compute set. The second form writes 1 to the
/// integral scalar `flag` when every vertex's compute() returned true, else 0.
class Execute : public Program {
public:
  explicit Execute(ComputeSet cs, const DebugContext &debugContext = {});
  Execute(ComputeSet cs, const Tensor &flag,
          const DebugContext &debugContext = {});
};

class Copy : public Program {
public:
  Copy(const Tensor &src, const Tensor &dst, bool dontOutline = false,
       const DebugContext &debugContext = {});
  Copy(const DataStream &stream, const Tensor &dst, bool optimiseMemory = false,
       const DebugContext &debugContext = {});
  Copy(const Tensor &src, const DataStream &stream, bool optimiseMemory = false,
       const DebugContext &debugContext = {});
  /// Row 0 of the remote buffer into `dst` (numElements() elements).
  Copy(const RemoteBuffer &buffer, const Tensor &dst,
       const DebugContext &debugContext = {});
  /// Rows offset[0], offset[1], ... of the remote buffer into consecutive
  /// numElements()-element rows of `dst`; `offset` is an UNSIGNED_INT
  /// tensor read on the device when the copy runs.
  Copy(const RemoteBuffer &buffer, const Tensor &dst, const Tensor &offset,
       const DebugContext &debugContext = {});
  /// `src` (numElements() elements) into row 0 of the remote buffer.
  Copy(const Tensor &src, const RemoteBuffer &buffer,
       const DebugContext &debugContext = {});
  /// Consecutive rows of `src` into rows offset[0], offset[1], ... of the
  /// remote buffer.
  Copy(const Tensor &src, const RemoteBuffer &buffer, const Tensor &offset,
       const DebugContext &debugContext = {});
  /// Loads the code of `function` from `buffer` (Graph::addFunctionBuffer
  /// of that function) into tile memory, costed by streaming-memory
  /// bandwidth.
  Copy(const FunctionBuffer &buffer, const Function &function,
       const DebugContext &debugContext = {});
};

/// Copies `src` of each replica to `dst` of replica replicaMap[replica].
/// Always throws graph_replication_error until Tessel supports replicated
/// graphs (Graph(target, replication_factor(n)) with n > 1).
class CrossReplicaCopy : public Program {
public:
  CrossReplicaCopy(const Tensor &src, const Tensor &dst,
                   std::map<unsigned, unsigned> replicaMap,
                   const DebugContext &debugContext = {});
};

class WriteUndef : public Program {
public:
  explicit WriteUndef(const Tensor &t, const DebugContext &debugContext = {});
};

class AssumeEqualAcrossReplicas : public Program {
public:
  explicit AssumeEqualAcrossReplicas(const Tensor &t,
                                     const DebugContext &debugContext = {});
};

/// A named block for profiles; runs its body.
class Block : public Program {
public:
  explicit Block(const Program &p, const DebugContext &debugContext = {});
};

class Sync : public Program {
public:
  explicit Sync(SyncType type, const DebugContext &debugContext = {});
};

class Call : public Program {
public:
  explicit Call(Function f, const DebugContext &debugContext = {});
  /// Runs host function `f` (Graph::addHostFunction): the host receives the
  /// bytes of `inputs` and its callback fills `outputs`, one tensor per
  /// declared argument, of the declared type and element count.
  Call(HostFunction f, ArrayRef<Tensor> inputs, ArrayRef<Tensor> outputs,
       const DebugContext &debugContext = {});
};

struct PrintTensorFmt {
  enum FloatFormat { Auto, Fixed, Scientific, None };
  PrintTensorFmt(unsigned summariseThreshold = 1000, unsigned edgeItems = 3,
                 unsigned maxLineWidth = 75, unsigned digits = 8,
                 FloatFormat floatFormat = Auto, char separator = ' ',
                 char openBracket = '[', char closeBracket = ']')
      : summariseThreshold(summariseThreshold), edgeItems(edgeItems),
        maxLineWidth(maxLineWidth), digits(digits), floatFormat(floatFormat),
        separator(separator), openBracket(openBracket),
        closeBracket(closeBracket) {}
  /// Prints every element with no padding, no summarising and no line limit.
  static PrintTensorFmt disableFormatting() {
    return PrintTensorFmt(0, 0, 0, 8, None);
  }
  unsigned summariseThreshold;
  unsigned edgeItems;
  unsigned maxLineWidth;
  unsigned digits;
  FloatFormat floatFormat;
  char separator;
  char openBracket;
  char closeBracket;
};

class PrintTensor : public Program {
public:
  explicit PrintTensor(const Tensor &t, const DebugContext &debugContext = {});
  PrintTensor(StringRef title, const Tensor &t,
              const DebugContext &debugContext = {});
  PrintTensor(const Tensor &t, const PrintTensorFmt &fmt,
              const DebugContext &debugContext = {});
  PrintTensor(StringRef title, const Tensor &t, const PrintTensorFmt &fmt,
              const DebugContext &debugContext = {});
};

/// Stops the program with an error (application_runtime_error) carrying
/// `message`.
class Abort : public Program {
public:
  explicit Abort(const DebugContext &debugContext = {});
  explicit Abort(const std::string &message,
                 const DebugContext &debugContext = {});
  /// A string literal is the message, not a debug name.
  explicit Abort(const char *message, const DebugContext &debugContext = {})
      : Abort(std::string(message), debugContext) {}
};

class AbortOnCondition : public Program {
public:
  explicit AbortOnCondition(const Tensor &predicate,
                            const DebugContext &debugContext = {});
  AbortOnCondition(const Tensor &predicate, const std::string &message,
                   const DebugContext &debugContext = {});
  AbortOnCondition(const Tensor &predicate, const char *message,
                   const DebugContext &debugContext = {})
      : AbortOnCondition(predicate, std::string(message), debugContext) {}
};

class ErrorProgram : public Program {
public:
  ErrorProgram(StringRef message, const Tensor &debugTensor,
               const DebugContext &debugContext = {});
};

/// Writes a readable rendering of `program` (and the tensors it touches).
void dumpProgram(const Graph &graph, const Program &program, std::ostream &out);

/// True when `a` and `b` are the same program: one is a copy of the other
/// (of any Program subclass). Programs built separately are different even
/// when they do the same thing, and Sequence::add makes a new program.
bool operator==(const Program &a, const Program &b);
bool operator!=(const Program &a, const Program &b);

} // namespace program
} // namespace poplar

#endif

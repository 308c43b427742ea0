// Host function callbacks: the host code that program::Call(HostFunction,
// inputs, outputs) runs, connected with Engine::connectHostFunction.
#ifndef POPLAR_HOSTFUNCTIONCALLBACK_HPP
#define POPLAR_HOSTFUNCTIONCALLBACK_HPP

#include <poplar/ArrayRef.hpp>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace poplar {

/// Called once per program::Call of the host function it is connected to.
/// `inputs[i]` holds the bytes of input argument i and `outputs[i]` receives
/// those of output argument i; both are valid only during the call.
class HostCallback {
public:
  virtual ~HostCallback() = default;
  virtual void operator()(ArrayRef<const void *> inputs,
                          ArrayRef<void *> outputs) = 0;
};

/// What Engine::connectHostFunction takes: a HostCallback object, or any
/// function callable as fn(ArrayRef<const void *>, ArrayRef<void *>).
class HostCallbackHandle {
public:
  using Function =
      std::function<void(ArrayRef<const void *>, ArrayRef<void *>)>;

  template <class Callback,
            class = std::enable_if_t<std::is_base_of_v<HostCallback, Callback>>>
  HostCallbackHandle(std::unique_ptr<Callback> callback)
      : callback(std::move(callback)) {}
  template <class F, class = std::enable_if_t<std::is_invocable_v<
                         F &, ArrayRef<const void *>, ArrayRef<void *>>>>
  HostCallbackHandle(F &&fn)
      : callback(
            std::make_unique<FunctionCallback>(Function(std::forward<F>(fn)))) {
  }

  /// The callback (null after it was taken).
  std::unique_ptr<HostCallback> release() { return std::move(callback); }

private:
  class FunctionCallback : public HostCallback {
  public:
    explicit FunctionCallback(Function fn) : fn(std::move(fn)) {}
    void operator()(ArrayRef<const void *> inputs,
                    ArrayRef<void *> outputs) override {
      fn(inputs, outputs);
    }

  private:
    Function fn;
  };

  std::unique_ptr<HostCallback> callback;
};

} // namespace poplar

#endif

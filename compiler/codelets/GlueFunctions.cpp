// Finding popc's glue in a codelet module, keeping what the glue runs
// before compute() uninstrumented, and routing memory-writing C library
// calls to the glue's checked versions.
#include "compiler/codelets/GlueFunctions.hpp"

#include <llvm/Demangle/Demangle.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Module.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace llvm;

namespace tessel::codelets {

namespace {

/// C library functions that write (or read) memory a codelet names, and
/// the glue's checked versions of them.
constexpr const char *kCheckedLibraryFunctions[] = {
    "memset", "memcpy", "memmove", "mempcpy", "bzero", "strcpy", "strncpy"};

/// The namespace (or class) a mangled C++ function is declared in.
std::string declContextOf(StringRef mangled) {
  // The demangler's results point into the name it parsed.
  const std::string name = mangled.str();
  ItaniumPartialDemangler demangler;
  if (demangler.partialDemangle(name.c_str()) || !demangler.isFunction())
    return "";
  std::size_t size = 0;
  char *context = demangler.getFunctionDeclContextName(nullptr, &size);
  std::string result = context ? context : "";
  std::free(context);
  return result;
}

bool isInNamespace(const std::string &context, StringRef ns) {
  return StringRef(context) == ns ||
         StringRef(context).starts_with((ns + "::").str());
}

/// The glue popc generates and the codelet runtime: never instrumented.
bool isGlueByName(const Function &f) {
  const StringRef name = f.getName();
  if (name.starts_with("__tessel_") || name.starts_with("tessel_codelet_"))
    return true;
  // Static initialisers and thread_local wrappers run outside any vertex.
  if (name.starts_with("_GLOBAL__") ||
      name.starts_with("__cxx_global_var_init") || name.starts_with("_ZTW") ||
      name.starts_with("_ZTH"))
    return true;
  return isInNamespace(declContextOf(name), "tessel::abi");
}

} // namespace

/// Functions through which the glue enters instrumented code.
bool isComputeEntry(const Function &f) {
  return isInNamespace(declContextOf(f.getName()), "tessel::dev");
}

std::set<Function *> findGlue(Module &module) {
  std::set<Function *> glue;
  for (Function &f : module)
    if (!f.isDeclaration() && isGlueByName(f))
      glue.insert(&f);
  for (const char *list : {"llvm.global_ctors", "llvm.global_dtors"})
    if (GlobalVariable *entries = module.getNamedGlobal(list))
      if (auto *array = dyn_cast<ConstantArray>(entries->getInitializer()))
        for (Value *entry : array->operands())
          if (auto *fields = dyn_cast<ConstantStruct>(entry))
            if (auto *f = dyn_cast<Function>(
                    fields->getOperand(1)->stripPointerCasts()))
              glue.insert(f);
  return glue;
}

unsigned redirectGlueCalls(Module &module, std::set<Function *> &glue) {
  unsigned copied = 0;
  std::map<Function *, Function *> copies;
  // In module order, so that the copies, and the object, are the same on
  // every run.
  std::vector<Function *> pending;
  for (Function &f : module)
    if (glue.count(&f))
      pending.push_back(&f);
  while (!pending.empty()) {
    Function *caller = pending.back();
    pending.pop_back();
    for (Instruction &inst : instructions(*caller)) {
      auto *call = dyn_cast<CallBase>(&inst);
      Function *callee = call ? call->getCalledFunction() : nullptr;
      if (!callee || callee->isDeclaration() || callee->isIntrinsic() ||
          glue.count(callee) || isComputeEntry(*callee))
        continue;
      Function *&copy = copies[callee];
      if (!copy) {
        ValueToValueMapTy map;
        copy = CloneFunction(callee, map);
        copy->setName("__tessel_glue." + callee->getName());
        copy->setLinkage(GlobalValue::InternalLinkage);
        copy->setVisibility(GlobalValue::DefaultVisibility);
        copy->setComdat(nullptr);
        glue.insert(copy);
        pending.push_back(copy);
        ++copied;
      }
      call->setCalledFunction(copy);
    }
  }
  // Originals only the glue called are dead now (and may have kept others
  // alive), so this repeats until nothing more goes.
  std::vector<Function *> originals;
  for (Function &f : module)
    if (copies.count(&f))
      originals.push_back(&f);
  for (bool erased = true; erased;) {
    erased = false;
    for (Function *&original : originals)
      if (original && original->use_empty() &&
          original->isDiscardableIfUnused()) {
        original->eraseFromParent();
        original = nullptr;
        erased = true;
      }
  }
  return copied;
}

Error routeLibraryCalls(Module &module, const std::set<Function *> &glue) {
  for (const char *name : kCheckedLibraryFunctions) {
    const std::string replacementName = std::string("__tessel_checked_") + name;
    Function *library = module.getFunction(name);
    if (!library || !library->isDeclaration())
      continue;
    Function *replacement = module.getFunction(replacementName);
    if (!replacement || replacement->isDeclaration())
      return createStringError(inconvertibleErrorCode(),
                               "the codelet object lacks " + replacementName +
                                   " of <tessel/internal/CodeletGlue.hpp>, "
                                   "which " +
                                   std::string(name) + " calls go to");
    library->replaceUsesWithIf(replacement, [&](Use &use) {
      auto *inst = dyn_cast<Instruction>(use.getUser());
      return !inst || !glue.count(inst->getFunction());
    });
  }
  return Error::success();
}

} // namespace tessel::codelets

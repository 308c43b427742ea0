# lit configuration for Tessel's compiler tests: .mlir files whose RUN lines
# call poplar-opt, poplar-translate and FileCheck.
import os

import lit.formats

config.name = "Tessel"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.environment["PATH"] = os.pathsep.join(
    [config.poplar_opt_dir, config.poplar_translate_dir, config.llvm_tools_dir,
     config.environment.get("PATH", "")]
)

config.substitutions.append(("%poplin_gp", config.poplin_gp))

# A missing tool would make every test fail with "command not found".
for directory, tool in [(config.poplar_opt_dir, "poplar-opt"),
                        (config.poplar_translate_dir, "poplar-translate"),
                        (config.llvm_tools_dir, "FileCheck")]:
    if not os.path.exists(os.path.join(directory, tool)):
        lit_config.fatal(
            "%s not found in %s; build it (ninja %s, or ninja check-lit) or "
            "install llvm-19-tools" % (tool, directory, tool))

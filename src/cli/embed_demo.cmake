# Turns data/demo/registry.json into a C++ source holding it as a string.
file(READ ${INPUT} CONTENT)
file(WRITE ${OUTPUT} "// Generated from data/demo/registry.json by embed_demo.cmake. Do not edit.\n"
     "#include <string_view>\nnamespace bangfu::cli {\nextern const std::string_view demo_registry_json;\n"
     "const std::string_view demo_registry_json = R\"BANGFU_DEMO(${CONTENT})BANGFU_DEMO\";\n}\n")

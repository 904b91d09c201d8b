# Turns a demo data file (JSON) into a C++ source holding it as a string named ${NAME}.
file(READ ${INPUT} CONTENT)
file(WRITE ${OUTPUT} "// Generated from ${INPUT_NAME} by embed_demo.cmake. Do not edit.\n"
     "#include <string_view>\nnamespace bangfu::cli {\nextern const std::string_view ${NAME};\n"
     "const std::string_view ${NAME} = R\"BANGFU_DEMO(${CONTENT})BANGFU_DEMO\";\n}\n")

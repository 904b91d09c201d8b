#pragma once
// Errors that cross layers. Every message exists in Chinese (the users' language, the default)
// and English, so the HTTP layer can answer in the language the client asked for.
#include <map>
#include <stdexcept>
#include <string>

namespace bangfu::core {

struct Text {
    std::string zh;
    std::string en;
    const std::string& in(std::string_view lang) const { return lang == "en" ? en : zh; }
};

// Field name (as on the wire, snake_case) → message. Ordered so responses are stable.
using FieldErrors = std::map<std::string, Text>;

enum class ErrorKind {
    malformed,
    unauthenticated,
    forbidden,
    not_found,
    conflict,
    too_large,
    validation,
    throttled,
    unavailable
};

class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, Text message, FieldErrors fields = {});
    ErrorKind kind() const { return kind_; }
    const Text& message() const { return message_; }
    const FieldErrors& fields() const { return fields_; }
    // The stable machine-readable code sent as error.code.
    std::string code() const;

  private:
    ErrorKind kind_;
    Text message_;
    FieldErrors fields_;
};

[[noreturn]] void throw_validation(FieldErrors fields);
[[noreturn]] void throw_not_found(Text what);
[[noreturn]] void throw_forbidden(Text why);
[[noreturn]] void throw_conflict(Text why, FieldErrors fields = {});

}  // namespace bangfu::core

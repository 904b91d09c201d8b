#include "core/error.hpp"

namespace bangfu::core {

Error::Error(ErrorKind kind, Text message, FieldErrors fields)
    : std::runtime_error(message.en),
      kind_(kind),
      message_(std::move(message)),
      fields_(std::move(fields)) {}

std::string Error::code() const {
    switch (kind_) {
        case ErrorKind::malformed:
            return "malformed";
        case ErrorKind::unauthenticated:
            return "unauthenticated";
        case ErrorKind::forbidden:
            return "forbidden";
        case ErrorKind::not_found:
            return "not_found";
        case ErrorKind::conflict:
            return "conflict";
        case ErrorKind::too_large:
            return "too_large";
        case ErrorKind::validation:
            return "validation";
        case ErrorKind::throttled:
            return "throttled";
        case ErrorKind::unavailable:
            return "unavailable";
    }
    return "error";
}

void throw_validation(FieldErrors fields) {
    throw Error(ErrorKind::validation, {"提交的数据有误，请按提示修改", "Some fields are invalid"},
                std::move(fields));
}
void throw_not_found(Text what) {
    throw Error(ErrorKind::not_found, {what.zh + "不存在或无权查看", what.en + " not found"});
}
void throw_forbidden(Text why) {
    throw Error(ErrorKind::forbidden, std::move(why));
}
void throw_conflict(Text why, FieldErrors fields) {
    throw Error(ErrorKind::conflict, std::move(why), std::move(fields));
}

}  // namespace bangfu::core

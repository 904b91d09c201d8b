#pragma once
#include <gtest/gtest.h>

#include "core/error.hpp"

namespace bangfu::testing {

// The kind of core::Error a call throws (failing the test when it throws none).
template <class F>
core::ErrorKind error_kind(F&& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return e.kind();
    }
    ADD_FAILURE() << "expected an error";
    return core::ErrorKind::unavailable;
}

// The field errors of a validation failure.
template <class F>
core::FieldErrors field_errors(F&& f) {
    try {
        f();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::validation);
        return e.fields();
    }
    ADD_FAILURE() << "expected a validation error";
    return {};
}

// The field errors of a refusal (403): an out-of-scope write names the input that points out of
// scope.
template <class F>
core::FieldErrors refused_fields(F&& f) {
    try {
        f();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::forbidden);
        return e.fields();
    }
    ADD_FAILURE() << "expected a refusal";
    return {};
}

}  // namespace bangfu::testing

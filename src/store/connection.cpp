#include "store/connection.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

namespace bangfu::store {

const std::string& Row::text(std::size_t i) const {
    static const std::string empty;
    const auto& c = cells_.at(i);
    return c ? *c : empty;
}

std::int64_t Row::integer(std::size_t i) const {
    return opt_integer(i).value_or(0);
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
    const auto& c = cells_.at(i);
    if (!c) return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
    if (ec != std::errc()) {
        // PostgreSQL renders booleans as t/f; aggregates may come back as numeric text.
        if (*c == "t") return 1;
        if (*c == "f") return 0;
        return static_cast<std::int64_t>(std::strtod(c->c_str(), nullptr));
    }
    return v;
}

std::optional<double> Row::opt_real(std::size_t i) const {
    const auto& c = cells_.at(i);
    if (!c) return std::nullopt;
    return std::strtod(c->c_str(), nullptr);
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::int64_t Connection::query_int(std::string_view sql, const Params& params) {
    auto row = query_one(sql, params);
    return row ? row->integer(0) : 0;
}

Transaction::Transaction(Connection& c, Mode mode) : c_(c) {
    if (c_.in_transaction()) {
        savepoint_ = "bangfu_sp" + std::to_string(++c_.savepoints_);
        try {
            c_.execute_script("SAVEPOINT " + savepoint_);
        } catch (...) {
            --c_.savepoints_;
            throw;
        }
        return;
    }
    c_.begin(mode == write);
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            if (savepoint_.empty())
                c_.rollback();
            else if (c_.in_transaction())
                c_.execute_script("ROLLBACK TO SAVEPOINT " + savepoint_ + "; RELEASE SAVEPOINT " +
                                  savepoint_);
        } catch (...) {
            // A failed rollback leaves a broken connection; healthy() keeps it out of the pool.
        }
        if (!savepoint_.empty()) --c_.savepoints_;
    }
}

void Transaction::commit() {
    if (savepoint_.empty()) {
        c_.commit();
    } else {
        c_.execute_script("RELEASE SAVEPOINT " + savepoint_);
        --c_.savepoints_;
    }
    done_ = true;
}

}  // namespace bangfu::store

#pragma once
// What the recommendations (issue 18) are computed from: the schools of a region with where they
// are, what they lack (balance figures) and how many recipients they take; a batch's needs,
// volunteers and the senders' teachers per subject. Plain data: the store fills it, src/match
// solves it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/balance.hpp"
#include "core/dispatch_policy.hpp"

namespace bangfu::core {

struct Location {
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string township;  // region path of the township ("" when the institution sits higher)
    std::string county;    // region path of the county
    bool has_point() const { return latitude && longitude; }
};

// A school's balance figures (core/balance) of the year, for complementarity.
struct Profile {
    bool known = false;
    balance::Values values{};
    balance::Values standards{};
    std::vector<balance::Indicator> missed;
};

struct PairingSchool {
    std::int64_t id = 0;
    std::string name;
    std::string kind;  // dict::institution_kind
    std::int64_t students = 0;
    Location where;
    Profile profile;
};

struct Supporter : PairingSchool {
    std::int64_t capacity = 0;  // recipients it takes on the dimension in all
    std::int64_t already = 0;   // recipients it supports on the dimension now
    bool capacity_set = false;  // set for this school (else the policy default)
};

struct Need {
    std::int64_t id = 0;
    std::int64_t recipient = 0;
    Location where;
    std::string subject;  // dict::subject
    std::int64_t number = 0;
    std::string recipient_name;  // for the answer
};

struct Volunteer {
    std::int64_t staff = 0;
    std::int64_t institution = 0;  // the sender
    Location where;
    std::string subject;  // the first of their subjects
    Candidate candidate;
};

// Teachers of a subject at a sender, and how many of them are away now.
struct SenderSubject {
    std::int64_t institution = 0;
    std::string subject;
    std::int64_t teachers = 0;
    std::int64_t away = 0;
};

}  // namespace bangfu::core

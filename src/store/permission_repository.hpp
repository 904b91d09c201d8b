#pragma once
// Permissions a user holds beyond their role (table user_permissions). Today one:
// 'beneficiary_personal' — read beneficiaries' ID numbers, phones, addresses and family
// situations unmasked. System admins hold every permission implicitly. System admins grant and
// revoke it for anyone; bureau admins for users in their own region's subtree, except themselves
// (a bureau admin does not hold it by default and cannot give it to themselves: someone else
// decides who reads minors' personal data). Every grant and revoke is audited.
#include <cstdint>
#include <string>
#include <vector>

#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::permissions {

// Whether `permission` is a permission Bangfu knows (else grant/revoke answer 404).
bool is_known(std::string_view permission);
// The users in the actor's user-management scope holding `permission` (admins only).
std::vector<std::int64_t> holders(Connection& c, const core::Actor& a, std::string_view permission);
// Idempotent: granting a held permission or revoking one not held changes nothing and writes no
// audit entry.
void grant(Connection& c, const core::Actor& a, std::int64_t user_id, std::string_view permission);
void revoke(Connection& c, const core::Actor& a, std::int64_t user_id, std::string_view permission);

}  // namespace bangfu::store::permissions

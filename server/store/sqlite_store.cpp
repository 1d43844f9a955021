#include "store/sqlite_store.hpp"

#include "store/migrations.hpp"

namespace care::server::store {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::Supervisor:
      return "supervisor";
    case Role::Admin:
      return "admin";
    case Role::Agent:
      break;
  }
  return "agent";
}

std::optional<Role> role_from_name(std::string_view name) {
  if (name == "agent") return Role::Agent;
  if (name == "supervisor") return Role::Supervisor;
  if (name == "admin") return Role::Admin;
  return std::nullopt;
}

SqliteStore::SqliteStore(const std::string& path) : db_(path) {
  schema_version_ = apply_migrations(db_);
}

}  // namespace care::server::store

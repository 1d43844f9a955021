#pragma once

#include <stdexcept>

namespace care::server::store {

// A failure of the database itself (a corrupt file, a lost table): exceptional,
// answered with 500 by the router. Expected outcomes (not found, conflict) are values.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database cannot be reached (PostgreSQL stopped, restarting, or the network to it
// lost): nothing of the operation was kept. Answered 503 by the router; the store
// connects again by itself once the database answers.
class StoreUnavailable : public StoreError {
 public:
  using StoreError::StoreError;
};

// No room for a write: the disk (or the database's size limit) is full. Nothing of the
// write was kept; reads still work. Answered 507 by the router (issue 14, item 7).
class StorageFull : public StoreError {
 public:
  using StoreError::StoreError;
};

// The database gave this transaction up to let a concurrent one go on (PostgreSQL:
// deadlock 40P01, serialization failure 40001). Nothing of it was kept, and the same
// work tried again may well succeed: the store retries a write of its own, and a unit
// of work that meets it is answered 503 with a time to retry by the router.
class StoreConflict : public StoreError {
 public:
  using StoreError::StoreError;
};

}  // namespace care::server::store

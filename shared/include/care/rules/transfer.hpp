#pragma once

#include <optional>
#include <span>
#include <vector>

#include "care/error.hpp"
#include "care/model/handoff.hpp"
#include "care/model/task.hpp"

namespace care {

// Transfer (issue 18, R-K1): the task in an agent's hands is handed on. It leaves them
// at once and waits again, its wait counted from now: in `queue` when one is named
// (else its own), for whoever the router offers it to; a transfer to a named agent then
// offers it to them (offer_task), and if they miss or decline that offer it stays in
// this queue for the others. Errors: the task is not in anyone's hands (conflict).
Result<Task> transfer_task(const Task& task, std::optional<Id> queue, Time now);

// Consult (issue 18): the colleagues a chat's task has now, from the activity's handoff
// lines in order: those invited and not (yet) gone, in the order they came.
std::vector<Id> consult_guests(std::span<const Handoff> handoffs, Id task);

// The transfer that brought `task` where it is, while it waits for its new agent (queued
// or offered): the desktop shows it with the offer. None once someone accepted it.
std::optional<Handoff> pending_transfer(std::span<const Handoff> handoffs, const Task& task);

}  // namespace care

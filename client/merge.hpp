#pragma once
// Conflicts keep both sides (R-E1 with R-J5): a text field the agent is editing, brought
// onto a newer saved version field by field with care::merge_field.
#include <string>

namespace care::client {

// What a field's edit started from. While `clash` is set, someone else changed the
// field too and `value` is their text: the agent has not chosen yet, and may not save.
struct EditBase {
  std::string value;   // the saved text the agent's edit is compared with
  bool known = true;   // false for an edit kept from before the base was remembered
  bool clash = false;  // both changed it: theirs (in `value`) beside mine, undecided
  bool operator==(const EditBase&) const = default;
};

// Starts an edit of a saved value: nothing typed yet.
void start_edit(std::string& mine, EditBase& base, const std::string& saved);

// Brings `mine` onto `theirs`, a newer saved value: taken silently when the agent had not
// touched the field, kept when they had and the other had not; else both are kept for
// the agent to choose (true). A clash still undecided stays one, with their newest text.
bool rebase_field(std::string& mine, EditBase& base, const std::string& theirs);

// The agent's choice for a clashing field.
enum class Choice {
  mine,    // keep what I typed
  theirs,  // take what the other saved
  both,    // edit: mine, then theirs, in the field, to merge by hand
};
void resolve_field(std::string& mine, EditBase& base, Choice choice, bool multiline);

// Whether the agent has something to save: a field differs from its base or is undecided.
bool edited(const std::string& mine, const EditBase& base);

}  // namespace care::client

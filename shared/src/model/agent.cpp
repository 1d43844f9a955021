#include "care/model/agent.hpp"

namespace care {

int capacity_for(const Capacity& capacity, Channel channel) {
  switch (channel) {
    case Channel::call: return kCallCapacity;
    case Channel::chat: return capacity.chats;
    case Channel::email: return capacity.emails;
  }
  return 0;
}

bool has_role(const Agent& agent, Role at_least) {
  return static_cast<int>(agent.role) >= static_cast<int>(at_least);
}

}  // namespace care

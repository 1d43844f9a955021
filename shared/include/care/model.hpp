#pragma once

// The whole domain model in one include.
#include "care/model/activity.hpp"
#include "care/model/agent.hpp"
#include "care/model/comment.hpp"
#include "care/model/common.hpp"
#include "care/model/customer.hpp"
#include "care/model/handoff.hpp"
#include "care/model/journey.hpp"
#include "care/model/knowledge.hpp"
#include "care/model/labels.hpp"
#include "care/model/mention.hpp"
#include "care/model/queue.hpp"
#include "care/model/rating.hpp"
#include "care/model/request.hpp"
#include "care/model/task.hpp"

# The sources of care_shared, relative paths made absolute so other folders can use them.
set(CARE_SHARED_SOURCES
  src/build_info.cpp
  src/error.cpp
  src/time.cpp
  src/text.cpp
  src/case_fold.cpp
  src/model/agent.cpp
  src/model/activity.cpp
  src/rules/tags.cpp
  src/rules/contact.cpp
  src/rules/accept.cpp
  src/rules/auto_close.cpp
  src/rules/concurrency.cpp
  src/rules/routing.cpp
  src/rules/close.cpp
  src/rules/sentiment.cpp
  src/rules/call.cpp
  src/model/events.cpp
  src/model/api.cpp
  src/codec/reader.cpp
  src/codec/model_codec.cpp
  src/codec/event_codec.cpp
  src/codec/api_codec.cpp
  src/codec/json.cpp
)
list(TRANSFORM CARE_SHARED_SOURCES PREPEND ${CMAKE_CURRENT_LIST_DIR}/)

# The AWS service models (DESIGN rule 2) are extracted from the botocore the
# machine's python3 has and compiled into the library as C++ tables
# (tools/embed_models.py, src/protocol/compiled_model.h).
set(CLOUDEMU_MODEL_SERVICES
    s3 dynamodb dynamodbstreams sqs sns sts iam ec2 lambda secretsmanager events kms stepfunctions)

find_program(CLOUDEMU_PYTHON NAMES python3 REQUIRED)
execute_process(COMMAND ${CLOUDEMU_PYTHON} -c "import botocore"
                RESULT_VARIABLE _botocore_missing OUTPUT_QUIET ERROR_QUIET)
if(_botocore_missing AND EXISTS /usr/bin/python3)
  # Debian's python3-botocore, when the first python3 on PATH lacks botocore.
  set(CLOUDEMU_PYTHON /usr/bin/python3 CACHE FILEPATH "" FORCE)
endif()

set(CLOUDEMU_MODELS_DIR ${CMAKE_BINARY_DIR}/models)
set(CLOUDEMU_MODEL_OUTPUTS ${CLOUDEMU_MODELS_DIR}/embedded_models_table.cc)
foreach(_service IN LISTS CLOUDEMU_MODEL_SERVICES)
  list(APPEND CLOUDEMU_MODEL_OUTPUTS ${CLOUDEMU_MODELS_DIR}/model_${_service}.cc)
endforeach()
add_custom_command(
  OUTPUT ${CLOUDEMU_MODEL_OUTPUTS}
  COMMAND ${CLOUDEMU_PYTHON} ${CMAKE_SOURCE_DIR}/tools/embed_models.py
          ${CLOUDEMU_MODELS_DIR} ${CLOUDEMU_MODEL_SERVICES}
  DEPENDS ${CMAKE_SOURCE_DIR}/tools/embed_models.py
  COMMENT "Embedding AWS service models from botocore"
  VERBATIM)
add_custom_target(cloudemu_models DEPENDS ${CLOUDEMU_MODEL_OUTPUTS})

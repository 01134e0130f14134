#!/usr/bin/env python3
"""DynamoDB expressions and PartiQL through boto3 against `cloudemu serve`.

Table-driven: ConditionExpression, UpdateExpression, FilterExpression,
ProjectionExpression and KeyConditionExpression cases, each with the result
DynamoDB gives or its error code and message; then PartiQL statements through
execute_statement, batch_execute_statement and execute_transaction.

Where AWS's full message is long and detailed, a case pins its stable beginning
(`prefix`); otherwise the whole message (`message`).
"""

import decimal
import time
import unittest

import conformance_support as support

boto3 = None
CLIENT = None
SERVER = None
KEYS_TABLE = "expr-items"      # pk (S) + sk (N)
STRINGS_TABLE = "expr-strings"  # pk (S) + sk (S)
MUSIC_TABLE = "pql-music"      # Artist (S) + SongTitle (S), index ByYear: Year (N)
SERIALIZER = None
DESERIALIZER = None

# The item conditions, updates and projections start from.
BASE_ITEM = {
    "pk": "base", "sk": 1,
    "s": "hello", "n": 5, "b": b"\x01\x02", "ss": {"a", "b"}, "ns": {1, 2},
    "l": [1, "two", {"x": 1}], "m": {"child": {"deep": "v"}, "num": 3},
    "flag": True, "nothing": None,
}


def setUpModule():
  global boto3, CLIENT, SERVER, SERIALIZER, DESERIALIZER
  boto3 = support.require_module("boto3")
  from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
  from botocore.config import Config
  SERIALIZER, DESERIALIZER = TypeSerializer(), TypeDeserializer()
  SERVER = support.shared_server()
  CLIENT = boto3.client("dynamodb", endpoint_url=SERVER.endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=Config(retries={"max_attempts": 1, "mode": "standard"}))
  create_table(KEYS_TABLE, [("pk", "S", "HASH"), ("sk", "N", "RANGE")])
  create_table(STRINGS_TABLE, [("pk", "S", "HASH"), ("sk", "S", "RANGE")])
  create_table(MUSIC_TABLE, [("Artist", "S", "HASH"), ("SongTitle", "S", "RANGE")],
               indexes=[("ByYear", "Year", "N")])


def tearDownModule():
  if SERVER is not None:
    SERVER.stop()


def create_table(name, keys, indexes=()):
  attributes = {attribute: kind for attribute, kind, _ in keys}
  request = {
      "TableName": name, "BillingMode": "PAY_PER_REQUEST",
      "KeySchema": [{"AttributeName": attribute, "KeyType": key_type} for attribute, _, key_type in keys],
  }
  if indexes:
    request["GlobalSecondaryIndexes"] = []
    for index, attribute, kind in indexes:
      attributes[attribute] = kind
      request["GlobalSecondaryIndexes"].append({
          "IndexName": index, "KeySchema": [{"AttributeName": attribute, "KeyType": "HASH"}],
          "Projection": {"ProjectionType": "ALL"}})
  request["AttributeDefinitions"] = [{"AttributeName": a, "AttributeType": k} for a, k in attributes.items()]
  CLIENT.create_table(**request)
  deadline = time.monotonic() + 30
  while CLIENT.describe_table(TableName=name)["Table"]["TableStatus"] != "ACTIVE":
    if time.monotonic() > deadline:
      raise AssertionError(f"table {name} did not become ACTIVE")
    time.sleep(0.1)


def to_wire(value):
  """A Python value as an AttributeValue (ints and floats as numbers)."""
  if isinstance(value, (int, float)) and not isinstance(value, bool):
    value = decimal.Decimal(str(value))
  elif isinstance(value, set) and value and all(isinstance(v, (int, float)) for v in value):
    value = {decimal.Decimal(str(v)) for v in value}
  elif isinstance(value, list):
    return {"L": [to_wire(v) for v in value]}
  elif isinstance(value, dict):
    return {"M": {k: to_wire(v) for k, v in value.items()}}
  return SERIALIZER.serialize(value)


def wire_item(item):
  return {name: to_wire(value) for name, value in item.items()}


def from_wire(value):
  plain = DESERIALIZER.deserialize(value)
  return normalize(plain)


def normalize(value):
  """Decimals as int where integral, Binary as bytes, recursively: comparable with BASE_ITEM-style literals."""
  if isinstance(value, decimal.Decimal):
    return int(value) if value == value.to_integral_value() else float(value)
  if isinstance(value, (set, frozenset)):
    return {normalize(v) for v in value}
  if isinstance(value, list):
    return [normalize(v) for v in value]
  if isinstance(value, dict):
    return {k: normalize(v) for k, v in value.items()}
  if hasattr(value, "value") and isinstance(getattr(value, "value"), bytes):
    return value.value
  return value


def plain_item(item):
  return {name: from_wire(value) for name, value in item.items()}


def values_of(values):
  return {name: to_wire(value) for name, value in (values or {}).items()}


def expression_args(names=None, values=None):
  args = {}
  if names:
    args["ExpressionAttributeNames"] = names
  if values:
    args["ExpressionAttributeValues"] = values_of(values)
  return args


class ExpressionTestCase(unittest.TestCase):

  def assert_error(self, call, code, message=None, prefix=None):
    with self.assertRaises(CLIENT.exceptions.ClientError) as raised:
      call()
    error = raised.exception.response["Error"]
    self.assertEqual(error["Code"], code, error)
    if message is not None:
      self.assertEqual(error["Message"], message)
    if prefix is not None:
      self.assertTrue(error["Message"].startswith(prefix), f"{error['Message']!r} does not start with {prefix!r}")
    return error

  def put_base(self, table=KEYS_TABLE, **overrides):
    item = dict(BASE_ITEM, **overrides)
    CLIENT.put_item(TableName=table, Item=wire_item(item))
    return item


# (condition, names, values, True = the write happens / False = ConditionalCheckFailedException)
CONDITION_CASES = [
    ("attribute_exists(s)", None, None, True),
    ("attribute_exists(absent)", None, None, False),
    ("attribute_not_exists(absent)", None, None, True),
    ("attribute_not_exists(pk)", None, None, False),
    ("s = :v", None, {":v": "hello"}, True),
    ("s = :v", None, {":v": "Hello"}, False),
    ("s <> :v", None, {":v": "other"}, True),
    ("n = :v", None, {":v": decimal.Decimal("5.00")}, True),
    ("n > :v", None, {":v": 4}, True),
    ("n >= :v", None, {":v": 5}, True),
    ("n < :v", None, {":v": 5}, False),
    ("n <= :v", None, {":v": -1}, False),
    ("n BETWEEN :lo AND :hi", None, {":lo": 1, ":hi": 10}, True),
    ("n BETWEEN :lo AND :hi", None, {":lo": 6, ":hi": 10}, False),
    ("n IN (:a, :b)", None, {":a": 1, ":b": 5}, True),
    ("s IN (:a, :b)", None, {":a": "x", ":b": "y"}, False),
    ("s < :v", None, {":v": "help"}, True),  # strings order by UTF-8 bytes: "hell" + "o" < "help"
    ("s < :v", None, {":v": 10}, False),     # a string is never less than a number
    ("s <> :v", None, {":v": 10}, True),
    ("b = :v", None, {":v": b"\x01\x02"}, True),
    ("ns = :v", None, {":v": {2, 1}}, True),  # sets compare unordered
    ("flag = :v", None, {":v": True}, True),
    ("begins_with(s, :v)", None, {":v": "he"}, True),
    ("begins_with(s, :v)", None, {":v": "lo"}, False),
    ("contains(s, :v)", None, {":v": "ell"}, True),
    ("contains(ss, :v)", None, {":v": "a"}, True),
    ("contains(ss, :v)", None, {":v": "z"}, False),
    ("contains(l, :v)", None, {":v": "two"}, True),
    ("size(s) = :v", None, {":v": 5}, True),
    ("size(b) = :v", None, {":v": 2}, True),
    ("size(ss) = :v", None, {":v": 2}, True),
    ("size(l) = :v", None, {":v": 3}, True),
    ("size(m) > :v", None, {":v": 1}, True),
    ("attribute_type(n, :v)", None, {":v": "N"}, True),
    ("attribute_type(nothing, :v)", None, {":v": "NULL"}, True),
    ("attribute_type(s, :v)", None, {":v": "SS"}, False),
    ("m.child.deep = :v", None, {":v": "v"}, True),
    ("l[2].x = :v", None, {":v": 1}, True),
    ("l[0] = :v", None, {":v": 2}, False),
    ("#s = :v AND #m.#num = :three", {"#s": "s", "#m": "m", "#num": "num"}, {":v": "hello", ":three": 3}, True),
    ("NOT s = :v", None, {":v": "hello"}, False),
    ("s = :v AND n = :one", None, {":v": "hello", ":one": 1}, False),
    ("s = :v OR n = :one", None, {":v": "hello", ":one": 1}, True),
    ("(s = :x OR n = :five) AND attribute_exists(m)", None, {":x": "x", ":five": 5}, True),
    ("NOT (attribute_exists(s) AND attribute_exists(absent))", None, None, True),
]

# (condition, names, values, error message or prefix) - all ValidationException.
CONDITION_ERRORS = [
    ("s = :undefined", None, {":v": "x"}, "prefix", "Invalid ConditionExpression: "),
    ("#undefined = :v", None, {":v": "x"}, "prefix", "Invalid ConditionExpression: "),
    ("s = :v", None, {":v": "x", ":unused": "y"}, "message",
     "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"),
    ("s = :v", {"#unused": "x"}, {":v": "x"}, "message",
     "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"),
    ("name = :v", None, {":v": "x"}, "message",
     "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"),
    ("nosuchfunction(s)", None, None, "message",
     "Invalid ConditionExpression: Invalid function name; function: nosuchfunction"),
    ("s = ", None, None, "prefix", "Invalid ConditionExpression: Syntax error; token: "),
    ("attribute_type(s, :v)", None, {":v": "XX"}, "prefix",
     "Invalid ConditionExpression: Invalid attribute type name found; type: XX"),
    ("n BETWEEN :hi AND :lo", None, {":lo": 1, ":hi": 10}, "prefix",
     "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
     "lower bound"),
]


class ConditionExpressionTest(ExpressionTestCase):

  def test_conditions_decide_the_write(self):
    item = self.put_base()
    for condition, names, values, passes in CONDITION_CASES:
      with self.subTest(condition=condition, values=values):
        call = lambda: CLIENT.put_item(TableName=KEYS_TABLE, Item=wire_item(item), ConditionExpression=condition,
                                       **expression_args(names, values))
        if passes:
          call()
        else:
          self.assert_error(call, "ConditionalCheckFailedException", message="The conditional request failed")

  def test_invalid_conditions(self):
    item = self.put_base()
    for condition, names, values, kind, text in CONDITION_ERRORS:
      with self.subTest(condition=condition):
        call = lambda: CLIENT.put_item(TableName=KEYS_TABLE, Item=wire_item(item), ConditionExpression=condition,
                                       **expression_args(names, values))
        self.assert_error(call, "ValidationException", **{kind: text})

  def test_condition_failure_can_return_the_item(self):
    item = self.put_base()
    with self.assertRaises(CLIENT.exceptions.ConditionalCheckFailedException) as raised:
      CLIENT.delete_item(TableName=KEYS_TABLE, Key=wire_item({"pk": "base", "sk": 1}),
                         ConditionExpression="attribute_not_exists(s)",
                         ReturnValuesOnConditionCheckFailure="ALL_OLD")
    self.assertEqual(plain_item(raised.exception.response["Item"]), item)

  def test_expression_and_legacy_parameters_do_not_mix(self):
    item = self.put_base()
    self.assert_error(
        lambda: CLIENT.put_item(TableName=KEYS_TABLE, Item=wire_item(item), ConditionExpression="attribute_exists(s)",
                                Expected={"s": {"Exists": True, "Value": {"S": "hello"}}}),
        "ValidationException",
        message="Can not use both expression and non-expression parameters in the same request: "
                "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}")


# (update, names, values, attributes changed in the result: name -> value or None for removed)
UPDATE_CASES = [
    ("SET a = :v", None, {":v": 1}, {"a": 1}),
    ("SET n = n + :v", None, {":v": 1}, {"n": 6}),
    ("SET n = n - :v", None, {":v": 10}, {"n": -5}),
    ("SET n = :a + :b", None, {":a": decimal.Decimal("0.1"), ":b": decimal.Decimal("0.2")}, {"n": 0.3}),
    ("SET l = list_append(l, :v)", None, {":v": [4]}, {"l": [1, "two", {"x": 1}, 4]}),
    ("SET l = list_append(:v, l)", None, {":v": [0]}, {"l": [0, 1, "two", {"x": 1}]}),
    ("SET fresh = if_not_exists(fresh, :v)", None, {":v": 0}, {"fresh": 0}),
    ("SET s = if_not_exists(s, :v)", None, {":v": "other"}, {}),
    ("SET m.child.deep = :v", None, {":v": "w"}, {"m": {"child": {"deep": "w"}, "num": 3}}),
    ("SET m.added = :v", None, {":v": "w"}, {"m": {"child": {"deep": "v"}, "num": 3, "added": "w"}}),
    ("SET l[1] = :v", None, {":v": "TWO"}, {"l": [1, "TWO", {"x": 1}]}),
    ("SET l[10] = :v", None, {":v": 9}, {"l": [1, "two", {"x": 1}, 9]}),
    ("SET #a = :one, #b = :two", {"#a": "name", "#b": "size"}, {":one": 1, ":two": 2}, {"name": 1, "size": 2}),
    ("REMOVE s, m.num", None, None, {"s": None, "m": {"child": {"deep": "v"}}}),
    ("REMOVE l[0], absent", None, None, {"l": ["two", {"x": 1}]}),
    ("ADD n :v", None, {":v": 1}, {"n": 6}),
    ("ADD tally :v", None, {":v": 3}, {"tally": 3}),
    ("ADD ss :v", None, {":v": {"c"}}, {"ss": {"a", "b", "c"}}),
    ("ADD newset :v", None, {":v": {1}}, {"newset": {1}}),
    ("DELETE ss :v", None, {":v": {"a"}}, {"ss": {"b"}}),
    ("DELETE ss :v", None, {":v": {"a", "b"}}, {"ss": None}),  # an emptied set disappears
    ("SET a = :v REMOVE s ADD n :one DELETE ns :two", None, {":v": "x", ":one": 1, ":two": {2}},
     {"a": "x", "s": None, "n": 6, "ns": {1}}),
]

UPDATE_ERRORS = [
    ("SET pk = :v", None, {":v": "x"}, "message", "One or more parameter values were invalid: Cannot update "
     "attribute pk. This attribute is part of the key"),
    # A value's type is checked with the expression; an attribute's type when the update applies.
    ("SET n = n + :v", None, {":v": "x"}, "prefix", "Invalid UpdateExpression: Incorrect operand type for "
     "operator or function; operator or function: +, operand type: S"),
    ("SET s = s + :v", None, {":v": 1}, "message",
     "An operand in the update expression has an incorrect data type"),
    ("ADD s :v", None, {":v": 1}, "message", "An operand in the update expression has an incorrect data type"),
    ("ADD n :v", None, {":v": "x"}, "prefix", "Invalid UpdateExpression: Incorrect operand type for operator or "
     "function; operator: ADD"),
    ("DELETE ss :v", None, {":v": "a"}, "prefix", "Invalid UpdateExpression: Incorrect operand type for operator "
     "or function; operator: DELETE"),
    ("SET l = list_append(l, :v)", None, {":v": "x"}, "prefix", "Invalid UpdateExpression: Incorrect operand "
     "type for operator or function; operator or function: list_append"),
    ("SET a = :v, a = :w", None, {":v": 1, ":w": 2}, "prefix",
     "Invalid UpdateExpression: Two document paths overlap with each other"),
    ("SET a = :v REMOVE a", None, {":v": 1}, "prefix",
     "Invalid UpdateExpression: Two document paths overlap with each other"),
    ("SET a = :v SET b = :v", None, {":v": 1}, "prefix",
     "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression"),
    ("SET m.nope.deep = :v", None, {":v": 1}, "message",
     "The document path provided in the update expression is invalid for update"),
    ("SET", None, None, "prefix", "Invalid UpdateExpression: Syntax error; token: "),
    ("SET a = :v", None, {":v": 1, ":unused": 2}, "message",
     "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"),
]


class UpdateExpressionTest(ExpressionTestCase):

  def test_updates_change_the_item(self):
    for update, names, values, changed in UPDATE_CASES:
      with self.subTest(update=update):
        expected = self.put_base()
        for name, value in changed.items():
          if value is None:
            expected.pop(name)
          else:
            expected[name] = value
        response = CLIENT.update_item(TableName=KEYS_TABLE, Key=wire_item({"pk": "base", "sk": 1}),
                                      UpdateExpression=update, ReturnValues="ALL_NEW",
                                      **expression_args(names, values))
        self.assertEqual(plain_item(response["Attributes"]), expected)
        stored = CLIENT.get_item(TableName=KEYS_TABLE, Key=wire_item({"pk": "base", "sk": 1}), ConsistentRead=True)
        self.assertEqual(plain_item(stored["Item"]), expected)

  def test_invalid_updates_change_nothing(self):
    for update, names, values, kind, text in UPDATE_ERRORS:
      with self.subTest(update=update):
        item = self.put_base()
        self.assert_error(lambda: CLIENT.update_item(TableName=KEYS_TABLE, Key=wire_item({"pk": "base", "sk": 1}),
                                                     UpdateExpression=update, **expression_args(names, values)),
                          "ValidationException", **{kind: text})
        stored = CLIENT.get_item(TableName=KEYS_TABLE, Key=wire_item({"pk": "base", "sk": 1}))
        self.assertEqual(plain_item(stored["Item"]), item)

  def test_return_values_of_an_update(self):
    key = wire_item({"pk": "base", "sk": 1})
    cases = [
        ("UPDATED_OLD", {"n": 5}),
        ("UPDATED_NEW", {"n": 6}),
        ("ALL_OLD", dict(BASE_ITEM)),
        ("ALL_NEW", dict(BASE_ITEM, n=6)),
    ]
    for return_values, expected in cases:
      with self.subTest(return_values=return_values):
        self.put_base()
        response = CLIENT.update_item(TableName=KEYS_TABLE, Key=key, UpdateExpression="SET n = n + :one",
                                      ExpressionAttributeValues=values_of({":one": 1}), ReturnValues=return_values)
        self.assertEqual(plain_item(response["Attributes"]), expected)

  def test_update_creates_a_missing_item_unless_conditioned(self):
    key = {"pk": "fresh-update", "sk": 7}
    response = CLIENT.update_item(TableName=KEYS_TABLE, Key=wire_item(key), UpdateExpression="SET a = :v",
                                  ExpressionAttributeValues=values_of({":v": 1}), ReturnValues="ALL_NEW")
    self.assertEqual(plain_item(response["Attributes"]), dict(key, a=1))
    self.assert_error(lambda: CLIENT.update_item(
        TableName=KEYS_TABLE, Key=wire_item({"pk": "absent-update", "sk": 7}), UpdateExpression="SET a = :v",
        ConditionExpression="attribute_exists(pk)", ExpressionAttributeValues=values_of({":v": 1})),
        "ConditionalCheckFailedException", message="The conditional request failed")


class QueryExpressionTest(ExpressionTestCase):
  """KeyConditionExpression, FilterExpression and ProjectionExpression over one partition of ten items."""

  @classmethod
  def setUpClass(cls):
    for number in range(1, 11):
      item = {"pk": "q", "sk": number, "n": number, "parity": "even" if number % 2 == 0 else "odd"}
      if number % 3 == 0:
        item["tag"] = f"t{number}"
      CLIENT.put_item(TableName=KEYS_TABLE, Item=wire_item(item))
      CLIENT.put_item(TableName=STRINGS_TABLE, Item=wire_item({"pk": "q", "sk": f"item#{number:02d}"}))
    CLIENT.put_item(TableName=STRINGS_TABLE, Item=wire_item({"pk": "q", "sk": "other"}))

  def query_keys(self, key_condition, values, table=KEYS_TABLE, names=None, **extra):
    response = CLIENT.query(TableName=table, KeyConditionExpression=key_condition,
                            **expression_args(names, values), **extra)
    return [from_wire(item["sk"]) for item in response["Items"]], response

  def test_key_conditions(self):
    cases = [
        ("pk = :p", {":p": "q"}, None, list(range(1, 11))),
        ("pk = :p AND sk > :v", {":p": "q", ":v": 5}, None, [6, 7, 8, 9, 10]),
        ("pk = :p AND sk >= :v", {":p": "q", ":v": 9}, None, [9, 10]),
        ("pk = :p AND sk < :v", {":p": "q", ":v": 3}, None, [1, 2]),
        ("pk = :p AND sk <= :v", {":p": "q", ":v": 3}, None, [1, 2, 3]),
        ("pk = :p AND sk = :v", {":p": "q", ":v": 7}, None, [7]),
        ("pk = :p AND sk BETWEEN :a AND :b", {":p": "q", ":a": 2, ":b": 4}, None, [2, 3, 4]),
        ("#p = :p AND #s BETWEEN :a AND :b", {":p": "q", ":a": 2, ":b": 2}, {"#p": "pk", "#s": "sk"}, [2]),
        ("sk > :v AND pk = :p", {":p": "q", ":v": 8}, None, [9, 10]),
        ("pk = :p", {":p": "nothing-here"}, None, []),
    ]
    for condition, values, names, expected in cases:
      with self.subTest(condition=condition):
        keys, response = self.query_keys(condition, values, names=names)
        self.assertEqual(keys, expected)
        self.assertEqual(response["Count"], len(expected))
    keys, _ = self.query_keys("pk = :p AND sk > :v", {":p": "q", ":v": 7}, ScanIndexForward=False)
    self.assertEqual(keys, [10, 9, 8])

  def test_begins_with_on_a_string_sort_key(self):
    keys, _ = self.query_keys("pk = :p AND begins_with(sk, :prefix)", {":p": "q", ":prefix": "item#0"},
                              table=STRINGS_TABLE)
    self.assertEqual(keys, [f"item#0{n}" for n in range(1, 10)])

  def test_invalid_key_conditions(self):
    cases = [
        ("sk = :v", {":v": 1}, "message", "Query condition missed key schema element: pk"),
        ("pk = :v", {":v": 1}, "message",
         "One or more parameter values were invalid: Condition parameter type does not match schema type"),
        ("pk > :v", {":v": "q"}, "message", "Query key condition not supported"),
        ("pk = :p OR sk = :v", {":p": "q", ":v": 1}, "message", "Invalid operator used in KeyConditionExpression: OR"),
        ("pk = :p AND n = :v", {":p": "q", ":v": 1}, None, None),
        ("pk = :p AND sk <> :v", {":p": "q", ":v": 1}, None, None),
        ("pk = :p AND sk = :v", {":p": "q", ":v": 1, ":unused": 2}, "message",
         "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"),
    ]
    for condition, values, kind, text in cases:
      with self.subTest(condition=condition):
        self.assert_error(lambda: self.query_keys(condition, values), "ValidationException",
                          **({kind: text} if kind else {}))

  def test_filters(self):
    cases = [
        ("n > :v", {":v": 5}, [6, 7, 8, 9, 10]),
        ("parity = :even AND n < :v", {":even": "even", ":v": 5}, [2, 4]),
        ("attribute_exists(tag)", None, [3, 6, 9]),
        ("attribute_not_exists(tag) AND n > :v", {":v": 7}, [8, 10]),
        ("begins_with(tag, :t)", {":t": "t6"}, [6]),
        ("n IN (:a, :b, :c)", {":a": 1, ":b": 10, ":c": 11}, [1, 10]),
        ("NOT parity = :odd", {":odd": "odd"}, [2, 4, 6, 8, 10]),
    ]
    for expression, values, expected in cases:
      with self.subTest(filter=expression):
        keys, response = self.query_keys("pk = :p", dict(values or {}, **{":p": "q"}), FilterExpression=expression)
        self.assertEqual(keys, expected)
        self.assertEqual(response["Count"], len(expected))
        self.assertEqual(response["ScannedCount"], 10)

  def test_limit_counts_items_evaluated_before_the_filter(self):
    keys, response = self.query_keys("pk = :p", {":p": "q", ":v": 5}, FilterExpression="n > :v", Limit=3)
    self.assertEqual(keys, [])
    self.assertEqual(response["ScannedCount"], 3)
    self.assertEqual(plain_item(response["LastEvaluatedKey"]), {"pk": "q", "sk": 3})

  def test_filter_may_not_name_key_attributes(self):
    self.assert_error(lambda: self.query_keys("pk = :p", {":p": "q", ":v": 1}, FilterExpression="sk > :v"),
                      "ValidationException",
                      message="Filter Expression can only contain non-primary key attributes: "
                              "Primary key attribute: sk")

  def test_scan_filter(self):
    response = CLIENT.scan(TableName=KEYS_TABLE, FilterExpression="pk = :p AND parity = :odd AND n > :v",
                           ExpressionAttributeValues=values_of({":p": "q", ":odd": "odd", ":v": 4}))
    self.assertEqual(sorted(from_wire(item["sk"]) for item in response["Items"]), [5, 7, 9])

  def test_projections(self):
    self.put_base(STRINGS_TABLE, sk="projection")
    key = wire_item({"pk": "base", "sk": "projection"})
    cases = [
        ("s, n", None, {"s": "hello", "n": 5}),
        ("m.child.deep", None, {"m": {"child": {"deep": "v"}}}),
        ("l[1], l[2].x", None, {"l": ["two", {"x": 1}]}),
        ("#n, #m.num", {"#n": "n", "#m": "m"}, {"n": 5, "m": {"num": 3}}),
        ("pk, absent", None, {"pk": "base"}),
    ]
    for projection, names, expected in cases:
      with self.subTest(projection=projection):
        response = CLIENT.get_item(TableName=STRINGS_TABLE, Key=key, ProjectionExpression=projection,
                                   **expression_args(names))
        self.assertEqual(plain_item(response["Item"]), expected)

  def test_invalid_projections(self):
    key = wire_item({"pk": "base", "sk": "projection"})
    cases = [
        ("name", None, "message",
         "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name"),
        ("m, m.child", None, "prefix", "Invalid ProjectionExpression: Two document paths overlap with each other"),
        ("#undefined", None, "prefix", "Invalid ProjectionExpression: "),
        ("s", {"#unused": "x"}, "message",
         "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"),
    ]
    for projection, names, kind, text in cases:
      with self.subTest(projection=projection):
        self.assert_error(lambda: CLIENT.get_item(TableName=STRINGS_TABLE, Key=key, ProjectionExpression=projection,
                                                  **expression_args(names)),
                          "ValidationException", **{kind: text})


class PartiqlTest(ExpressionTestCase):

  def execute(self, statement, parameters=None, **extra):
    if parameters is not None:
      extra["Parameters"] = [to_wire(value) for value in parameters]
    return CLIENT.execute_statement(Statement=statement, **extra)

  def items(self, statement, parameters=None, **extra):
    return [plain_item(item) for item in self.execute(statement, parameters, **extra)["Items"]]

  def test_insert_select_update_delete(self):
    self.execute(f"INSERT INTO \"{MUSIC_TABLE}\" VALUE {{'Artist': 'Acme', 'SongTitle': 'Roll', 'Year': 1999, "
                 "'Tags': <<'rock', 'live'>>, 'Info': {'plays': 3, 'chart': [1, 2]}}")
    expected = {"Artist": "Acme", "SongTitle": "Roll", "Year": 1999, "Tags": {"rock", "live"},
                "Info": {"plays": 3, "chart": [1, 2]}}
    self.assertEqual(self.items(f"SELECT * FROM \"{MUSIC_TABLE}\" WHERE Artist = ? AND SongTitle = ?",
                                ["Acme", "Roll"]), [expected])
    self.assertEqual(self.items(f"SELECT \"Year\", Info.chart[1] FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Acme' "
                                "AND SongTitle = 'Roll'"), [{"Year": 1999, "Info": {"chart": [2]}}])

    updated = self.items(f"UPDATE \"{MUSIC_TABLE}\" SET Info.plays = Info.plays + 1 SET Tags = set_add(Tags, "
                         "<<'remaster'>>) REMOVE \"Year\" WHERE Artist = 'Acme' AND SongTitle = 'Roll' "
                         "RETURNING ALL NEW *")
    self.assertEqual(updated, [{"Artist": "Acme", "SongTitle": "Roll", "Tags": {"rock", "live", "remaster"},
                                "Info": {"plays": 4, "chart": [1, 2]}}])
    self.assertEqual(self.execute(f"UPDATE \"{MUSIC_TABLE}\" SET Label = 'x' WHERE Artist = 'Acme' AND "
                                  "SongTitle = 'Roll'")["Items"], [])

    deleted = self.items(f"DELETE FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Acme' AND SongTitle = 'Roll' "
                         "RETURNING ALL OLD *")
    self.assertEqual(deleted[0]["Label"], "x")
    self.assertEqual(self.items(f"SELECT * FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Acme' AND SongTitle = 'Roll'"),
                     [])

  def test_insert_of_an_existing_key_is_a_duplicate(self):
    statement = f"INSERT INTO \"{MUSIC_TABLE}\" VALUE {{'Artist': ?, 'SongTitle': ?}}"
    self.execute(statement, ["Dup", "Once"])
    self.assert_error(lambda: self.execute(statement, ["Dup", "Once"]), "DuplicateItemException",
                      message="Duplicate primary key exists in table")

  def test_update_and_conditions_need_an_existing_item(self):
    self.assert_error(lambda: self.execute(f"UPDATE \"{MUSIC_TABLE}\" SET a = 1 WHERE Artist = 'Nobody' AND "
                                           "SongTitle = 'None'"),
                      "ConditionalCheckFailedException")
    self.execute(f"INSERT INTO \"{MUSIC_TABLE}\" VALUE {{'Artist': 'Cond', 'SongTitle': 'A', 'n': 1}}")
    self.assert_error(lambda: self.execute(f"UPDATE \"{MUSIC_TABLE}\" SET n = 2 WHERE Artist = 'Cond' AND "
                                           "SongTitle = 'A' AND n > 5"),
                      "ConditionalCheckFailedException")
    self.assert_error(lambda: self.execute(f"DELETE FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Cond' AND "
                                           "SongTitle = 'A' AND n = 7"),
                      "ConditionalCheckFailedException")
    self.assert_error(lambda: self.execute(f"UPDATE \"{MUSIC_TABLE}\" SET n = 2 WHERE Artist = 'Cond'"),
                      "ValidationException",
                      message="Where clause does not contain a mandatory equality on all key attributes")

  def test_query_scan_index_and_pagination(self):
    for number in range(1, 8):
      self.execute(f"INSERT INTO \"{MUSIC_TABLE}\" VALUE {{'Artist': 'Pages', 'SongTitle': ?, 'Year': ?}}",
                   [f"song-{number}", 2000 + number % 2])
    titles = [item["SongTitle"] for item in self.items(
        f"SELECT SongTitle FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Pages' AND SongTitle > 'song-4'")]
    self.assertEqual(titles, ["song-5", "song-6", "song-7"])
    odd_years = self.items(f"SELECT SongTitle FROM \"{MUSIC_TABLE}\".\"ByYear\" WHERE \"Year\" = 2001")
    self.assertEqual(sorted(item["SongTitle"] for item in odd_years), ["song-1", "song-3", "song-5", "song-7"])
    scanned = self.items(f"SELECT SongTitle FROM \"{MUSIC_TABLE}\" WHERE \"Year\" = 2000 AND begins_with(SongTitle, "
                         "'song-')")
    self.assertEqual(sorted(item["SongTitle"] for item in scanned), ["song-2", "song-4", "song-6"])

    seen, token, pages = [], None, 0
    while True:
      extra = {"Limit": 3}
      if token:
        extra["NextToken"] = token
      response = self.execute(f"SELECT SongTitle FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Pages'", **extra)
      pages += 1
      seen += [plain_item(item)["SongTitle"] for item in response["Items"]]
      token = response.get("NextToken")
      if not token:
        break
    self.assertEqual(seen, [f"song-{n}" for n in range(1, 8)])
    self.assertGreaterEqual(pages, 3)

  def test_errors(self):
    malformed = "Statement wasn't well formed, can't be processed: "
    for statement in ("SELEC * FROM t", f"SELECT * FROM \"{MUSIC_TABLE}\" WHERE", "INSERT INTO x VALUES 1"):
      with self.subTest(statement=statement):
        self.assert_error(lambda: self.execute(statement), "ValidationException", prefix=malformed)
    self.assert_error(lambda: self.execute("SELECT * FROM \"no-such-table\""), "ResourceNotFoundException")
    self.assert_error(lambda: self.execute(f"SELECT * FROM \"{MUSIC_TABLE}\" WHERE Artist = ?"),
                      "ValidationException", message="Number of parameters in request and statement don't match.")

  def test_batch_execute_statement(self):
    insert = f"INSERT INTO \"{MUSIC_TABLE}\" VALUE {{'Artist': 'Batch', 'SongTitle': ?}}"
    responses = CLIENT.batch_execute_statement(Statements=[
        {"Statement": insert, "Parameters": [{"S": "one"}]},
        {"Statement": insert, "Parameters": [{"S": "two"}]},
        {"Statement": insert, "Parameters": [{"S": "one"}]},
    ])["Responses"]
    self.assertNotIn("Error", responses[0])
    self.assertNotIn("Error", responses[1])
    self.assertEqual(responses[2]["Error"]["Code"], "DuplicateItem")

    select = f"SELECT * FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Batch' AND SongTitle = ?"
    responses = CLIENT.batch_execute_statement(Statements=[
        {"Statement": select, "Parameters": [{"S": "one"}]},
        {"Statement": select, "Parameters": [{"S": "absent"}]},
        {"Statement": f"SELECT * FROM \"{MUSIC_TABLE}\" WHERE Artist = 'Batch'"},
    ])["Responses"]
    self.assertEqual(plain_item(responses[0]["Item"]), {"Artist": "Batch", "SongTitle": "one"})
    self.assertNotIn("Item", responses[1])
    self.assertEqual(responses[2]["Error"]["Code"], "ValidationError")

    self.assert_error(lambda: CLIENT.batch_execute_statement(Statements=[
        {"Statement": select, "Parameters": [{"S": "one"}]},
        {"Statement": insert, "Parameters": [{"S": "three"}]},
    ]), "ValidationException")

  def test_execute_transaction(self):
    table = f"\"{MUSIC_TABLE}\""
    CLIENT.execute_transaction(TransactStatements=[
        {"Statement": f"INSERT INTO {table} VALUE {{'Artist': 'Tx', 'SongTitle': 'a', 'n': 1}}"},
        {"Statement": f"INSERT INTO {table} VALUE {{'Artist': 'Tx', 'SongTitle': 'b', 'n': 2}}"},
    ])
    responses = CLIENT.execute_transaction(TransactStatements=[
        {"Statement": f"SELECT n FROM {table} WHERE Artist = 'Tx' AND SongTitle = 'a'"},
        {"Statement": f"SELECT n FROM {table} WHERE Artist = 'Tx' AND SongTitle = 'zzz'"},
    ])["Responses"]
    self.assertEqual(plain_item(responses[0]["Item"]), {"n": 1})
    self.assertNotIn("Item", responses[1])

    # One failing condition cancels every write of the transaction.
    with self.assertRaises(CLIENT.exceptions.TransactionCanceledException) as raised:
      CLIENT.execute_transaction(TransactStatements=[
          {"Statement": f"UPDATE {table} SET n = 10 WHERE Artist = 'Tx' AND SongTitle = 'a'"},
          {"Statement": f"EXISTS(SELECT * FROM {table} WHERE Artist = 'Tx' AND SongTitle = 'b' AND n = 99)"},
      ])
    reasons = [reason["Code"] for reason in raised.exception.response["CancellationReasons"]]
    self.assertEqual(reasons, ["None", "ConditionalCheckFailed"])
    self.assertEqual(self.items(f"SELECT n FROM {table} WHERE Artist = 'Tx' AND SongTitle = 'a'"), [{"n": 1}])

    with self.assertRaises(CLIENT.exceptions.TransactionCanceledException) as raised:
      CLIENT.execute_transaction(TransactStatements=[
          {"Statement": f"INSERT INTO {table} VALUE {{'Artist': 'Tx', 'SongTitle': 'a'}}"},
      ])
    self.assertEqual([r["Code"] for r in raised.exception.response["CancellationReasons"]], ["DuplicateItem"])

    self.assert_error(lambda: CLIENT.execute_transaction(TransactStatements=[
        {"Statement": f"SELECT * FROM {table} WHERE Artist = 'Tx' AND SongTitle = 'a'"},
        {"Statement": f"DELETE FROM {table} WHERE Artist = 'Tx' AND SongTitle = 'a'"},
    ]), "ValidationException")


if __name__ == "__main__":
  support.main()

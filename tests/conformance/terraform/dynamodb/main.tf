# A DynamoDB table with hash and range keys, a GSI, an LSI, TTL and tags that
# dynamodb_terraform_test.py applies, re-plans, updates (a tag and the GSI)
# and destroys against `cloudemu serve`. The provider block follows
# shared/reference/terraform-aws-provider-5.100.md section 1.2.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  type    = string
  default = "http://127.0.0.1:4566"
}

variable "table_name" {
  type = string
}

variable "revision" {
  type    = string
  default = "v1"
}

# The GSI's projection: the update changes it (the provider replaces the index).
variable "gsi_projection" {
  type    = string
  default = "ALL"
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 2

  endpoints {
    dynamodb = var.endpoint
    sts      = var.endpoint
  }
}

resource "aws_dynamodb_table" "orders" {
  name         = var.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "customer"
  range_key    = "order_id"

  attribute {
    name = "customer"
    type = "S"
  }

  attribute {
    name = "order_id"
    type = "S"
  }

  attribute {
    name = "status"
    type = "S"
  }

  attribute {
    name = "placed_at"
    type = "N"
  }

  global_secondary_index {
    name            = "by_status"
    hash_key        = "status"
    range_key       = "placed_at"
    projection_type = var.gsi_projection
  }

  local_secondary_index {
    name            = "by_placed_at"
    range_key       = "placed_at"
    projection_type = "KEYS_ONLY"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = false
  }

  tags = {
    Project  = "cloudemu-conformance"
    Revision = var.revision
  }
}

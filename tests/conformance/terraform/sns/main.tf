# An SNS stack that sns_terraform_test.py applies, re-plans, updates and
# destroys against `cloudemu serve`: a tagged standard topic, a FIFO topic,
# and a queue (with its policy) subscribed with raw delivery and a filter
# policy. The provider block follows
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

variable "prefix" {
  type = string
}

variable "revision" {
  type    = string
  default = "v1"
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
    sns = var.endpoint
    sqs = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_sns_topic" "events" {
  name         = "${var.prefix}-events"
  display_name = "Events"

  tags = {
    Project  = "cloudemu-conformance"
    Revision = var.revision
  }
}

resource "aws_sns_topic" "ledger" {
  name                        = "${var.prefix}-ledger.fifo"
  fifo_topic                  = true
  content_based_deduplication = true
}

resource "aws_sqs_queue" "inbox" {
  name = "${var.prefix}-inbox"
}

resource "aws_sqs_queue_policy" "inbox" {
  queue_url = aws_sqs_queue.inbox.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowTopic"
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.inbox.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }
    }]
  })
}

resource "aws_sns_topic_subscription" "inbox" {
  topic_arn            = aws_sns_topic.events.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.inbox.arn
  raw_message_delivery = true
  filter_policy = jsonencode({
    kind = ["order", "refund"]
  })
}

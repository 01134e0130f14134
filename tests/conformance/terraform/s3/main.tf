# A small S3 stack that terraform_test.py applies, re-plans, updates and
# destroys against `cloudemu serve`. The provider block follows
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

variable "bucket_name" {
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
  s3_use_path_style           = true
  max_retries                 = 2

  endpoints {
    s3  = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_s3_bucket" "site" {
  bucket = var.bucket_name

  tags = {
    Project  = "cloudemu-conformance"
    Revision = var.revision
  }
}

resource "aws_s3_bucket_versioning" "site" {
  bucket = aws_s3_bucket.site.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_object" "index" {
  bucket       = aws_s3_bucket.site.id
  key          = "site/index.html"
  content      = "<html><body>hello from terraform</body></html>"
  content_type = "text/html"

  depends_on = [aws_s3_bucket_versioning.site]
}

environment = "prod"
aws_region  = "us-east-1"

# Lambda
lambda_memory_size      = 512
lambda_timeout          = 30
lambda_log_retention    = 30
provisioned_concurrency = 5 # on the live alias; no SnapStart

# DynamoDB
enable_pitr         = true
deletion_protection = true

# API Gateway
api_throttle_rate_limit     = 100
api_throttle_burst_limit    = 200
api_execution_logging_level = "ERROR"

# Gateway
log_level             = "INFO"
alarm_email           = "ops@example.com"
cors_allowed_origins  = ["https://insight.example.com"]
playground_enabled    = false
introspection_enabled = false

# VPC
vpc_cidr             = "10.0.0.0/16"
private_subnet_cidrs = ["10.0.1.0/24", "10.0.2.0/24"]
public_subnet_cidrs  = ["10.0.101.0/24", "10.0.102.0/24"]
single_nat_gateway   = false

enable_cloudfront = false

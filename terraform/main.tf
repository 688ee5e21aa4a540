# The one root module of every environment: an environment is only its
# environments/<env>/terraform.tfvars (values) and environments/<env>/backend.hcl (state).
# Account-wide settings (state bucket, API Gateway CloudWatch role) live in bootstrap/, applied once.

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {
  count = var.offline_plan ? 0 : 1
}

locals {
  name       = "${var.environment}-insight-category"
  partition  = data.aws_partition.current.partition
  account_id = var.offline_plan ? var.offline_account_id : data.aws_caller_identity.current[0].account_id

  # Derived from the region without an API call (data.aws_availability_zones needs credentials).
  availability_zones = coalesce(var.availability_zones, ["${var.aws_region}a", "${var.aws_region}b"])

  # The artifact the chosen runtime needs, as `mvn -B package -DskipTests` writes it.
  default_artifact_paths = {
    custom = "../target/category-gateway-lambda.zip"
    java21 = "../target/category-gateway.jar"
    java25 = "../target/category-gateway.jar"
  }
  lambda_artifact_path = coalesce(var.lambda_artifact_path, local.default_artifact_paths[var.lambda_runtime])

  # The tables' key: the stack's own, or the adopted tables' current one.
  table_kms_key_arn = var.table_kms_key_arn != null ? var.table_kms_key_arn : module.kms.key_arn

  # Table ARNs built from the table names, so the function's policy is known (and reviewable) at plan time.
  table_arn_prefix = "arn:${local.partition}:dynamodb:${var.aws_region}:${local.account_id}:table"
}

module "kms" {
  source = "./modules/kms"

  alias         = local.name
  account_id    = local.account_id
  region        = var.aws_region
  partition     = local.partition
  key_user_arns = [module.lambda.role_arn]
}

module "dynamodb" {
  source = "./modules/dynamodb"

  environment                 = var.environment
  kms_key_arn                 = local.table_kms_key_arn
  enable_pitr                 = var.enable_pitr
  deletion_protection_enabled = var.deletion_protection
}

module "network" {
  source = "./modules/network"

  name                 = local.name
  region               = var.aws_region
  vpc_cidr             = var.vpc_cidr
  private_subnet_cidrs = var.private_subnet_cidrs
  public_subnet_cidrs  = var.public_subnet_cidrs
  availability_zones   = local.availability_zones
  single_nat_gateway   = var.single_nat_gateway
  account_root_arn     = "arn:${local.partition}:iam::${local.account_id}:root"
  dynamodb_endpoint_resource_arns = flatten([
    for arn in module.dynamodb.table_arns : [arn, "${arn}/index/*"]
  ])
}

module "cognito" {
  source = "./modules/cognito"

  environment         = var.environment
  deletion_protection = var.deletion_protection
}

module "artifacts" {
  source = "./modules/artifacts"

  bucket_name = "${local.name}-artifacts-${local.account_id}-${var.aws_region}"
}

module "lambda" {
  source = "./modules/lambda"

  environment             = var.environment
  runtime                 = var.lambda_runtime
  architecture            = var.lambda_architecture
  artifact_path           = local.lambda_artifact_path
  artifact_bucket         = module.artifacts.bucket_name
  memory_size             = var.lambda_memory_size
  timeout                 = var.lambda_timeout
  reserved_concurrency    = var.lambda_reserved_concurrency
  provisioned_concurrency = var.provisioned_concurrency
  snap_start              = var.lambda_snap_start
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.lambda_security_group_id]
  categories_table_arn    = "${local.table_arn_prefix}/${module.dynamodb.categories_table_name}"
  templates_table_arn     = "${local.table_arn_prefix}/${module.dynamodb.templates_table_name}"
  kms_key_arn             = module.kms.key_arn
  table_kms_key_arn       = local.table_kms_key_arn
  log_retention_in_days   = var.lambda_log_retention
  partition               = local.partition
  region                  = var.aws_region
  account_id              = local.account_id
  xray_tracing            = var.enable_xray_tracing

  environment_variables = {
    TABLE_NAME             = module.dynamodb.categories_table_name
    TEMPLATES_TABLE_NAME   = module.dynamodb.templates_table_name
    LOG_LEVEL              = var.log_level
    ENVIRONMENT            = var.environment
    USER_POOL_ID           = module.cognito.user_pool_id
    APP_CLIENT_IDS         = join(",", [module.cognito.client_id])
    CORS_ALLOWED_ORIGINS   = join(",", var.cors_allowed_origins)
    PLAYGROUND_ENABLED     = tostring(var.playground_enabled)
    INTROSPECTION_ENABLED  = tostring(var.introspection_enabled)
    TRUSTED_DOCUMENTS_ONLY = tostring(var.trusted_documents_only)
    ENABLE_XRAY            = tostring(var.enable_xray_tracing)
  }
}

module "api_gateway" {
  source = "./modules/api-gateway"

  environment           = var.environment
  cognito_user_pool_arn = module.cognito.user_pool_arn
  function = {
    invoke_arn    = module.lambda.alias_invoke_arn
    function_name = module.lambda.function_name
    qualifier     = module.lambda.alias_name
  }
  cors_allowed_origins    = var.cors_allowed_origins
  enable_playground       = var.playground_enabled
  throttle_rate_limit     = var.api_throttle_rate_limit
  throttle_burst_limit    = var.api_throttle_burst_limit
  execution_logging_level = var.api_execution_logging_level
  log_retention_in_days   = var.lambda_log_retention
  kms_key_arn             = module.kms.key_arn
  domain_name             = var.api_domain_name
  certificate_arn         = var.api_certificate_arn
  base_path               = var.api_base_path
}

module "monitoring" {
  source = "./modules/monitoring"

  environment             = var.environment
  region                  = var.aws_region
  function_name           = module.lambda.function_name
  function_alias          = module.lambda.alias_name
  reserved_concurrency    = var.lambda_reserved_concurrency
  provisioned_concurrency = var.provisioned_concurrency
  api_name                = module.api_gateway.rest_api_name
  api_stage_name          = module.api_gateway.stage_name
  tables = {
    categories = module.dynamodb.categories_table_name
    templates  = module.dynamodb.templates_table_name
  }
  alarm_email = var.alarm_email
  kms_key_arn = module.kms.key_arn
}

module "cloudfront" {
  source = "./modules/cloudfront"

  enabled     = var.enable_cloudfront
  environment = var.environment
  # The execute-api endpoint is disabled when the custom domain is used: the origin is then the domain.
  origin_domain_name = coalesce(var.api_domain_name, "${module.api_gateway.rest_api_id}.execute-api.${var.aws_region}.amazonaws.com")
  origin_path        = var.api_domain_name == null ? "/${module.api_gateway.stage_name}" : (var.api_base_path == "" ? "" : "/${var.api_base_path}")
}

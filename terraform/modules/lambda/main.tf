locals {
  # SnapStart and provisioned concurrency cannot be combined on one function version:
  # SnapStart when no provisioned concurrency is asked for, provisioned concurrency on the alias otherwise.
  use_provisioned_concurrency = var.provisioned_concurrency > 0
  use_snap_start              = !local.use_provisioned_concurrency && var.enable_snap_start

  # Hash of the jar when it has been built; a plan on a clean clone (no jar yet) still works.
  source_code_hash = fileexists(var.jar_path) ? filebase64sha256(var.jar_path) : null

  function_names = { for key, fn in var.functions : key => "${var.environment}-insight-${key}" }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = var.functions

  name              = "/aws/lambda/${local.function_names[each.key]}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  for_each = var.functions

  function_name = local.function_names[each.key]
  description   = each.value.description
  role          = aws_iam_role.this.arn

  filename         = var.jar_path
  source_code_hash = local.source_code_hash
  runtime          = "java21"
  handler          = var.handler
  architectures    = [var.architecture]
  memory_size      = each.value.memory_size
  timeout          = var.timeout
  publish          = true

  reserved_concurrent_executions = each.value.reserved_concurrent_executions

  environment {
    variables = var.environment_variables
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this[each.key].name
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  dynamic "snap_start" {
    for_each = local.use_snap_start ? [1] : []

    content {
      apply_on = "PublishedVersions"
    }
  }

  tags = merge(var.tags, { Function = each.key })

  depends_on = [
    aws_iam_role_policy.this,
    aws_iam_role_policy_attachment.vpc_access,
  ]
}

# API Gateway invokes the alias, never $LATEST: SnapStart only applies to published versions
# and provisioned concurrency is configured on the alias.
resource "aws_lambda_alias" "this" {
  for_each = var.functions

  name             = var.alias_name
  description      = "Live version of ${local.function_names[each.key]}"
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}

resource "aws_lambda_provisioned_concurrency_config" "this" {
  for_each = local.use_provisioned_concurrency ? var.functions : {}

  function_name                     = aws_lambda_function.this[each.key].function_name
  qualifier                         = aws_lambda_alias.this[each.key].name
  provisioned_concurrent_executions = var.provisioned_concurrency
}

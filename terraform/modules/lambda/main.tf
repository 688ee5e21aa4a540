# One gateway function behind every route (REST, /graphql, /health, /playground): one cold-start pool, one
# provisioned-concurrency pool, one alarm set. API Gateway invokes its live alias, never $LATEST: SnapStart
# only applies to published versions and provisioned concurrency is configured on the alias.
locals {
  function_name = "${var.environment}-insight-category-gateway"
  managed_java  = var.runtime != "custom"

  # The Lambda runtime identifier: the custom runtime's bootstrap starts the bundled JVM itself.
  lambda_runtime = local.managed_java ? var.runtime : "provided.al2023"

  use_provisioned_concurrency = var.provisioned_concurrency > 0

  # Without the artifact there is nothing to deploy: the precondition on aws_s3_object.artifact stops the plan.
  artifact_exists = fileexists(var.artifact_path)
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

# The deployment artifact (custom: target/category-gateway-lambda.zip, 60-120 MB; managed: the shaded jar)
# goes through S3: a direct upload is limited to 50 MB.
resource "aws_s3_object" "artifact" {
  bucket      = var.artifact_bucket
  key         = "${local.function_name}/${basename(var.artifact_path)}"
  source      = var.artifact_path
  source_hash = local.artifact_exists ? filemd5(var.artifact_path) : null

  tags = var.tags

  lifecycle {
    precondition {
      condition     = local.artifact_exists
      error_message = "Deployment artifact not found: ${var.artifact_path} (needed by lambda_runtime = \"${var.runtime}\"). Build it first with `mvn -B package -DskipTests` at the repository root (it writes target/category-gateway-lambda.zip for \"custom\" and target/category-gateway.jar for the managed runtimes), or point lambda_artifact_path at it. Planning without it would deploy no code change."
    }
  }
}

resource "aws_lambda_function" "this" {
  function_name = local.function_name
  description   = "Insight category gateway: REST routes, /graphql, /health and /playground"
  role          = aws_iam_role.this.arn

  s3_bucket         = aws_s3_object.artifact.bucket
  s3_key            = aws_s3_object.artifact.key
  s3_object_version = aws_s3_object.artifact.version_id
  source_code_hash  = local.artifact_exists ? filebase64sha256(var.artifact_path) : null

  runtime       = local.lambda_runtime
  handler       = var.handler
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.timeout
  publish       = true

  reserved_concurrent_executions = var.reserved_concurrency == null ? -1 : var.reserved_concurrency

  environment {
    variables = var.environment_variables
  }

  tracing_config {
    mode = var.xray_tracing ? "Active" : "PassThrough"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  dynamic "snap_start" {
    for_each = var.snap_start ? [1] : []

    content {
      apply_on = "PublishedVersions"
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = !var.snap_start || (local.managed_java && !local.use_provisioned_concurrency)
      error_message = "SnapStart needs a managed Java runtime and no provisioned concurrency on the same version."
    }

    precondition {
      condition     = local.managed_java || var.architecture == "x86_64"
      error_message = "The custom runtime ships an x86_64 JVM: architecture must be x86_64."
    }
  }

  depends_on = [aws_iam_role_policy.this]
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  description      = "Live version of ${local.function_name}"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

resource "aws_lambda_provisioned_concurrency_config" "this" {
  count = local.use_provisioned_concurrency ? 1 : 0

  function_name                     = aws_lambda_function.this.function_name
  qualifier                         = aws_lambda_alias.this.name
  provisioned_concurrent_executions = var.provisioned_concurrency
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "function_name" {
  description = "Name of the gateway function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the function."
  value       = aws_lambda_function.this.arn
}

output "alias_arn" {
  description = "ARN of the live alias."
  value       = aws_lambda_alias.this.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the live alias (for the API Gateway integrations)."
  value       = aws_lambda_alias.this.invoke_arn
}

output "alias_name" {
  description = "Name of the alias API Gateway invokes."
  value       = aws_lambda_alias.this.name
}

output "log_group_name" {
  description = "Name of the function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "snap_start_enabled" {
  description = "Whether SnapStart is enabled on the function."
  value       = var.snap_start
}

output "environment_variables" {
  description = "Environment variables of the function (no secrets live there)."
  value       = var.environment_variables
}

output "operator_role_arn" {
  description = "ARN of the role the operator commands (migrate, repair) run under."
  value       = aws_iam_role.operator.arn
}

output "operator_policy_json" {
  description = "The operator role's policy document (JSON), for attaching the same grant to a permission set instead."
  value       = data.aws_iam_policy_document.operator.json
}

output "role_arn" {
  description = "ARN of the functions' execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the functions' execution role."
  value       = aws_iam_role.this.name
}

output "function_names" {
  description = "Function names by key."
  value       = { for key, fn in aws_lambda_function.this : key => fn.function_name }
}

output "function_arns" {
  description = "Unqualified function ARNs by key."
  value       = { for key, fn in aws_lambda_function.this : key => fn.arn }
}

output "alias_arns" {
  description = "ARNs of the live aliases by key."
  value       = { for key, alias in aws_lambda_alias.this : key => alias.arn }
}

output "alias_invoke_arns" {
  description = "Invoke ARNs of the live aliases by key (for API Gateway integrations)."
  value       = { for key, alias in aws_lambda_alias.this : key => alias.invoke_arn }
}

output "alias_name" {
  description = "Name of the alias API Gateway invokes."
  value       = var.alias_name
}

output "log_group_names" {
  description = "Log group names by key."
  value       = { for key, group in aws_cloudwatch_log_group.this : key => group.name }
}

output "snap_start_enabled" {
  description = "Whether SnapStart is enabled on the functions."
  value       = local.use_snap_start
}

output "environment_variables" {
  description = "Environment variables shared by every function (no secrets live there)."
  value       = var.environment_variables
}

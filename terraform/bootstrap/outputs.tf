output "state_bucket_name" {
  description = "Bucket to name in environments/<env>/backend.hcl."
  value       = aws_s3_bucket.state.bucket
}

output "state_bucket_arn" {
  description = "ARN of the state bucket (for the deployers' IAM policies)."
  value       = aws_s3_bucket.state.arn
}

output "api_gateway_cloudwatch_role_arn" {
  description = "ARN of the account-level API Gateway CloudWatch Logs role (null when not managed here)."
  value       = var.manage_api_gateway_account ? aws_iam_role.api_gateway_cloudwatch[0].arn : null
}

output "rest_api_id" {
  description = "Id of the REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "rest_api_name" {
  description = "Name of the REST API (the ApiName dimension of its metrics)."
  value       = aws_api_gateway_rest_api.this.name
}

output "execution_arn" {
  description = "Execution ARN of the REST API."
  value       = aws_api_gateway_rest_api.this.execution_arn
}

output "stage_name" {
  description = "Name of the stage."
  value       = aws_api_gateway_stage.this.stage_name
}

output "invoke_url" {
  description = "execute-api URL of the stage (disabled when a custom domain is used)."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "url" {
  description = "Base URL clients use: https://<domain_name>[/<base_path>] with a custom domain, the stage's invoke URL otherwise."
  value       = local.custom_domain ? (var.base_path == "" ? "https://${var.domain_name}" : "https://${var.domain_name}/${var.base_path}") : aws_api_gateway_stage.this.invoke_url
}

output "domain_target" {
  description = "Regional domain name and hosted zone id the custom domain's DNS record points to (null without a custom domain)."
  value = local.custom_domain ? {
    domain_name    = aws_api_gateway_domain_name.this[0].regional_domain_name
    hosted_zone_id = aws_api_gateway_domain_name.this[0].regional_zone_id
  } : null
}

output "access_log_group_name" {
  description = "Name of the access log group."
  value       = aws_cloudwatch_log_group.access.name
}

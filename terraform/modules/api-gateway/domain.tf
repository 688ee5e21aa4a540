# Optional custom domain: regional endpoint, TLS 1.2 minimum, the stage mapped under base_path. DNS (a Route 53
# alias or CNAME to regional_domain_name) is left to whoever owns the zone: see the api_domain_target output.
# Behind a base-path mapping, the Lambda event's path starts with the base path; resource and pathParameters
# are what API Gateway resolved (the gateway routes on those).
locals {
  custom_domain = var.domain_name != null
}

resource "aws_api_gateway_domain_name" "this" {
  count = local.custom_domain ? 1 : 0

  domain_name              = var.domain_name
  regional_certificate_arn = var.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  tags = var.tags
}

resource "aws_api_gateway_base_path_mapping" "this" {
  count = local.custom_domain ? 1 : 0

  api_id      = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  domain_name = aws_api_gateway_domain_name.this[0].domain_name
  base_path   = var.base_path == "" ? null : var.base_path
}

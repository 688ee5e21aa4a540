variable "enabled" {
  description = "Create the distribution (the seed's optional CDN layer)."
  type        = bool
  default     = false
}

variable "environment" {
  description = "Environment name, used in the distribution comment."
  type        = string
}

variable "origin_domain_name" {
  description = "Domain name of the API origin: \"<api id>.execute-api.<region>.amazonaws.com\", or the API's custom domain when the execute-api endpoint is disabled."
  type        = string
}

variable "origin_path" {
  description = "Origin path: \"/<stage>\" on the execute-api endpoint, \"/<base path>\" or \"\" on a custom domain."
  type        = string
}

variable "price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

variable "tags" {
  description = "Tags applied to the distribution."
  type        = map(string)
  default     = {}
}

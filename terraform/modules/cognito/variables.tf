variable "environment" {
  description = "Environment name (dev, staging, prod); prefixes the pool and client names."
  type        = string
}

variable "deletion_protection" {
  description = "Whether the user pool is protected against deletion."
  type        = bool
  default     = false
}

variable "allow_admin_create_user_only" {
  description = "Only administrators create users (no self sign-up); organizationId and role are set by them."
  type        = bool
  default     = true
}

variable "access_token_validity_minutes" {
  description = "Lifetime of access tokens in minutes."
  type        = number
  default     = 60
}

variable "id_token_validity_minutes" {
  description = "Lifetime of id tokens in minutes."
  type        = number
  default     = 60
}

variable "refresh_token_validity_days" {
  description = "Lifetime of refresh tokens in days."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags applied to the user pool."
  type        = map(string)
  default     = {}
}

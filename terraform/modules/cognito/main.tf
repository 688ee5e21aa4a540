# The seed's user pool. Its name, and the absence of username_attributes/alias_attributes (both force a
# new pool), match the Node service's pool exactly, so that the live pool can be imported (imports.tf) and
# keeps its users: usernames are plain usernames (an administrator may use the email address as one).
resource "aws_cognito_user_pool" "this" {
  name                = "${var.environment}-insight-user-pool"
  deletion_protection = var.deletion_protection ? "ACTIVE" : "INACTIVE"

  auto_verified_attributes = ["email"]

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_numbers                  = true
    require_symbols                  = true
    require_uppercase                = true
    temporary_password_validity_days = 7
  }

  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = var.allow_admin_create_user_only
  }

  schema {
    attribute_data_type = "String"
    name                = "organizationId"
    required            = false
    mutable             = true

    string_attribute_constraints {
      min_length = 1
      max_length = 256
    }
  }

  schema {
    attribute_data_type = "String"
    name                = "role"
    required            = false
    mutable             = true

    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }

  tags = var.tags

  # The users: never destroyed or replaced by Terraform, in any environment.
  lifecycle {
    prevent_destroy = true
  }
}

# Public client of the dashboard and the GraphQL playground (a browser app: no secret).
# custom:organizationId and custom:role are readable but NOT writable by the client:
# a user must never move himself to another tenant or grant himself a role.
resource "aws_cognito_user_pool_client" "this" {
  name         = "${var.environment}-insight-dashboard"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret               = false
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  # SRP for browsers (the password never leaves them); ADMIN_USER_PASSWORD_AUTH only works with AWS credentials
  # allowed cognito-idp:AdminInitiateAuth on the pool (operators' smoke tests, docs/operations.md), never from a browser.
  explicit_auth_flows = [
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_SRP_AUTH",
  ]

  read_attributes  = ["email", "email_verified", "custom:organizationId", "custom:role"]
  write_attributes = ["email"]

  access_token_validity  = var.access_token_validity_minutes
  id_token_validity      = var.id_token_validity_minutes
  refresh_token_validity = var.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

bucket       = "insight-terraform-state"
key          = "category-api/staging/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true

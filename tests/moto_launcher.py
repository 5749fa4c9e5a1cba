"""Starts moto's server on 127.0.0.1 with CloudFormation support for the Cognito resources
ampx-rs deploys, so sandbox tests see the `auth` section end to end: tests/sandbox.rs
checks that the outputs' user pool exists in moto's Cognito with the defined groups,
and that a group added to the definition is created by the next deploy.

What is modelled: each resource is created through moto's Cognito API from its name and
the properties that API takes. An update keeps the resource as it is (a changed property
of a user pool or client is not applied), a removed resource stays in moto's Cognito,
and every attribute but Arn (ProviderName, ProviderURL, UserPoolId, Name) answers the
physical id. Sign-in, MFA and the other pool settings are not tested against moto.

moto 5.2.5 creates no Cognito resources from a CloudFormation template (they are skipped
with a warning), although its Cognito APIs work. This adds CloudFormation models for
AWS::Cognito::UserPool, UserPoolClient, UserPoolGroup, IdentityPool and
IdentityPoolRoleAttachment that call those APIs. Nothing of the product depends on it.

It also makes moto's CloudFormation refuse what the real service refuses and moto
accepts: an inline template (TemplateBody) over 51,200 bytes, a template read from S3
(TemplateURL) over 1,000,000 bytes, and any JSON null in a template, with AWS's words.

Usage: python tests/moto_launcher.py PORT
"""

import json
import sys
import uuid

from moto.cognitoidentity.models import cognitoidentity_backends
from moto.cognitoidp.models import cognitoidp_backends
from moto.core.common_models import CloudFormationModel


# moto names the service of a model after its module.
MODULE = "moto.cognitoidp.cloudformation"


class _Model:
    """Shared plumbing: a physical id, no attributes but Arn, updates keep the resource.
    (moto finds models as direct subclasses of CloudFormationModel, hence a mixin.)"""

    def __init__(self, physical_id, arn=None):
        self._physical_id = physical_id
        self._arn = arn or physical_id

    @property
    def physical_resource_id(self):
        return self._physical_id

    @staticmethod
    def cloudformation_name_type():
        return ""

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ("Arn", "ProviderName", "ProviderURL", "UserPoolId", "Name")

    def get_cfn_attribute(self, attribute_name):
        return self._arn if attribute_name == "Arn" else self._physical_id

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        return None


class UserPool(_Model, CloudFormationModel):
    __module__ = MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::UserPool"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = dict(cloudformation_json.get("Properties", {}))
        props.pop("UserPoolTags", None)
        pool = cognitoidp_backends[account_id][region_name].create_user_pool(resource_name[:128], props)
        return cls(pool.id, pool.arn)


class UserPoolClient(_Model, CloudFormationModel):
    __module__ = MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::UserPoolClient"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = dict(cloudformation_json.get("Properties", {}))
        pool_id = props.pop("UserPoolId")
        props["ClientName"] = resource_name[:128]
        client = cognitoidp_backends[account_id][region_name].create_user_pool_client(pool_id, False, props)
        return cls(client.id)


class UserPoolGroup(_Model, CloudFormationModel):
    __module__ = MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::UserPoolGroup"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json.get("Properties", {})
        group = cognitoidp_backends[account_id][region_name].create_group(
            props["UserPoolId"], props["GroupName"], "", props.get("RoleArn"), props.get("Precedence")
        )
        return cls(group.group_name)


class IdentityPool(_Model, CloudFormationModel):
    __module__ = MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::IdentityPool"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json.get("Properties", {})
        name = "".join(c for c in resource_name if c.isalnum())[:128]
        created = cognitoidentity_backends[account_id][region_name].create_identity_pool(
            identity_pool_name=name,
            allow_unauthenticated_identities=props.get("AllowUnauthenticatedIdentities", False),
            supported_login_providers=props.get("SupportedLoginProviders", {}),
            developer_provider_name="",
            open_id_connect_provider_arns=[],
            cognito_identity_providers=props.get("CognitoIdentityProviders", []),
            saml_provider_arns=[],
            tags={},
        )
        return cls(json.loads(created)["IdentityPoolId"])


class IdentityPoolRoleAttachment(_Model, CloudFormationModel):
    __module__ = MODULE

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::IdentityPoolRoleAttachment"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        return cls(str(uuid.uuid4()))


def _holds_null(value):
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_holds_null(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_null(v) for v in value)
    return False


def _refuse_what_aws_refuses():
    from moto.cloudformation.exceptions import ValidationError
    from moto.cloudformation.responses import CloudFormationResponse

    def check(response):
        body = response._get_param("TemplateBody")
        url = response._get_param("TemplateURL")
        if body is not None and len(body.encode()) > 51200:
            raise ValidationError(message="Templates with a size greater than 51,200 bytes must be deployed via an S3 Bucket")
        if url:
            body = response._get_stack_from_s3_url(url)
            if len(body.encode()) > 1000000:
                raise ValidationError(message="Template may not exceed 1000000 bytes in size.")
        if body:
            try:
                parsed = json.loads(body)
            except ValueError:
                return
            if _holds_null(parsed):
                raise ValidationError(message="[/] 'null' values are not allowed in templates")

    for name in ("create_change_set", "create_stack", "update_stack"):
        original = getattr(CloudFormationResponse, name)

        def checked(self, _original=original):
            check(self)
            return _original(self)

        setattr(CloudFormationResponse, name, checked)


if __name__ == "__main__":
    _refuse_what_aws_refuses()
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])

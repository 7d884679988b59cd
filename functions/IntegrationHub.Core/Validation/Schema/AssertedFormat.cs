namespace IntegrationHub.Core.Validation.Schema;

/// <summary>The <c>format</c> values the profile asserts; any other format is an annotation.</summary>
internal enum AssertedFormat
{
    None,
    Date,
    DateTime,
}

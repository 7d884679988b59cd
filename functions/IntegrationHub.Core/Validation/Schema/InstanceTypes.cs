namespace IntegrationHub.Core.Validation.Schema;

/// <summary>The draft-07 <c>type</c> names as flags.</summary>
[Flags]
internal enum InstanceTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    String = 32,
    Integer = 64,
}

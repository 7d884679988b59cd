namespace IntegrationHub.Core.Contracts;

/// <summary>A commune-level administrative unit (xã, phường, đặc khu) in one version of the national list.</summary>
public sealed record AdminUnit(string ProvinceCode, string ProvinceName, string CommuneCode, string CommuneName, string UnitType);

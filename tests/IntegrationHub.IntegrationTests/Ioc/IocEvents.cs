using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>Valid events built from the contracts' samples, with ids, entity keys and times the IOC tests choose.</summary>
public static class IocEvents
{
    public const string Dossiers = "pubsvc.dossier-status";
    public const string Land = "land.parcel-record";
    public const string Health = "health.facility-interop";
    public const string Schools = "edu.school-status";

    public static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A dossier received <paramref name="receivedAt"/>, its state change at <paramref name="time"/>.</summary>
    public static JsonObject Dossier(string code, string? commune, string channel, bool? paidOnline, DateTimeOffset receivedAt, DateTimeOffset? time = null)
    {
        var evt = Samples.Valid(Dossiers).First(e => (string?)e["data"]!["status"] == "RECEIVED");
        var data = evt["data"]!.AsObject();
        data["dossierCode"] = code;
        data["communeCode"] = commune;
        data["channel"] = channel;
        data["paidOnline"] = paidOnline;
        data["receivedAt"] = Time(receivedAt);
        data["dueAt"] = Time(receivedAt.AddDays(3));
        evt["time"] = Time(time ?? receivedAt);
        return evt;
    }

    public static JsonObject Parcel(string commune, int sheet, int parcel, DateTimeOffset at)
    {
        var evt = Samples.Valid(Land)[0];
        var data = evt["data"]!.AsObject();
        data["communeCode"] = commune;
        data["mapSheetNo"] = sheet;
        data["parcelNo"] = parcel;
        data.Remove("nationalParcelId");
        data["eventAt"] = Time(at);
        evt["time"] = Time(at);
        return evt;
    }

    public static JsonObject Facility(string code, string commune, int encounters, int synced, DateTimeOffset at)
    {
        var evt = Samples.Valid(Health).First(e => (int)e["data"]!["interopErrors"]! == 0);
        var data = evt["data"]!.AsObject();
        data["facilityCode"] = code;
        data["communeCode"] = commune;
        data["encounters"] = encounters;
        data["healthBookSyncedVneid"] = synced;
        data["ehrCreated"] = Math.Min(encounters, 5);
        data["eReferralsIssued"] = 0;
        data["eReExamAppointments"] = 0;
        data["labResultsShared"] = 0;
        data["reportDate"] = at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        evt["time"] = Time(at);
        return evt;
    }

    public static JsonObject School(string code, string commune, int enrolled, int verified, DateTimeOffset at)
    {
        var evt = Samples.Valid(Schools).First(e => e["data"]!["lastSyncToMinistryDb"] is null);
        var data = evt["data"]!.AsObject();
        data["schoolCode"] = code;
        data["communeCode"] = commune;
        data["studentsEnrolled"] = enrolled;
        data["studentsPresent"] = enrolled - 10;
        data["studentsIdVerified"] = verified;
        data["reportDate"] = at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        evt["time"] = Time(at);
        return evt;
    }
}

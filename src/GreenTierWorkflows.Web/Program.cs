using GreenTierWorkflows.Web.Account;
using GreenTierWorkflows.Web.Audit;
using GreenTierWorkflows.Web.Components;
using GreenTierWorkflows.Web.ElsaApi;
using GreenTierWorkflows.Web.Endpoints;
using GreenTierWorkflows.Web.Hosting;
using GreenTierWorkflows.Web.Security;
using GreenTierWorkflows.Web.Studio;

var builder = WebApplication.CreateBuilder(args);
builder.AddAppSettingsBesideAssembly(); // first: everything after it reads the app's own settings
builder.AddGreenTierCore().AddGreenTierAuth().AddGreenTierScheduling();
builder.AddGreenTierEdges();
builder.AddOfficialsUi();
builder.AddRequestSecurity();
builder.Services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);

var app = builder.Build();
app.UseGreenTierEdges();
app.UseAuthentication();
app.UseRequestSecurity();
app.UseAuthorization();
app.UseAntiforgery();
app.UseGreenTierScheduling();
app.MapHealthChecks("/health");
app.MapAccountPages();
app.MapStudio();
app.MapElsaApi();
app.MapNominationEndpoints();
app.MapTaskEndpoints();
app.MapListingEndpoints();
app.MapWindowEndpoints();
app.MapOutboxEndpoints();
app.MapAuditEndpoints();
app.MapRegistryEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapNoticePreview();
app.MapOfficialsUi();
app.Run();
